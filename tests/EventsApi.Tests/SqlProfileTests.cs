namespace EventsApi.Tests;

/// <summary>Database:ProfileSql sums SQLite's statement time, which /health reports for the load benchmark.</summary>
public sealed class SqlProfileTests
{
    [Fact]
    public async Task HealthReportsTheStatementsSqliteRanOnlyWhenProfiling()
    {
        using (var plain = new ApiFactory())
        {
            var response = await plain.CreateClient().GetAsync("/health");
            Assert.False(response.Headers.Contains("X-Sqlite-Time"));
        }

        using var api = new ApiFactory();
        api.Settings["Database:ProfileSql"] = "true";
        var client = api.CreateClient();
        var before = Statements(await client.GetAsync("/health"));
        (await client.GetAsync("/v1/events?region=Ukraine&limit=5")).EnsureSuccessStatusCode();
        var after = Statements(await client.GetAsync("/health"));
        Assert.True(after > before, $"statements before {before}, after {after}");
    }

    private static long Statements(HttpResponseMessage response)
    {
        var header = Assert.Single(response.Headers.GetValues("X-Sqlite-Time"));
        // "12.000 ms; 34 statements"
        return long.Parse(header.Split("; ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
