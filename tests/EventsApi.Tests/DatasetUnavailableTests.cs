using System.Net;
using System.Text.Json.Nodes;

namespace EventsApi.Tests;

/// <summary>
/// The served file deleted, or overwritten by something that is not SQLite, while the API runs:
/// every endpoint answers a 503 problem that says so (never a 500), and serving resumes by itself
/// once a dataset is back at the path.
/// </summary>
public class DatasetUnavailableTests
{
    private static readonly string[] Urls =
    [
        "/v1/events?limit=2", "/v1/events?format=csv&limit=2", "/v1/events/timeline", "/v1/places", "/v1/actors", "/v1/dataset",
    ];

    [Fact]
    public async Task AMissingOrUnreadableDatabaseIsA503ProblemUntilADatasetIsBack()
    {
        using var api = new ApiFactory();
        api.Settings["RateLimit:Enabled"] = "false";
        var client = api.CreateClient();
        var eventUrl = "/v1/events/" + (string)(await client.GetJson("/v1/events?limit=1"))["data"]![0]!["id"]!;
        var served = api.DatabasePath + ".served";

        File.Move(api.DatabasePath, served);
        await AssertUnavailable(client, [.. Urls, eventUrl]);

        File.WriteAllText(api.DatabasePath, "not a database, but a file in its place\n");
        await AssertUnavailable(client, [.. Urls, eventUrl]);

        File.Move(served, api.DatabasePath, overwrite: true);
        foreach (var url in Urls.Append(eventUrl).Append("/health"))
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} once the file is back");
        }
    }

    private static async Task AssertUnavailable(HttpClient client, IEnumerable<string> urls)
    {
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{url}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Dataset unavailable", (string?)JsonNode.Parse(body)!["title"]);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.DoesNotContain(Path.GetTempPath(), body);
        }
        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("unhealthy", (string?)JsonNode.Parse(await health.Content.ReadAsStringAsync())!["status"]);
    }
}
