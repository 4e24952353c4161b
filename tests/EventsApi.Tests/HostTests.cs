using System.Net;
using System.Text.Json.Nodes;

namespace EventsApi.Tests;

public class HostTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task HealthReportsTheDatabaseAndDataset()
    {
        var health = await api.CreateClient().GetJson("/health");

        Assert.Equal("healthy", (string)health["status"]!);
        Assert.True((bool)health["database_reachable"]!);
        Assert.True((long)health["events"]! > 0);
    }

    /// <summary>HEAD is answered wherever GET is, with the same status and headers (a cache's or a monitor's check); other methods still get 405.</summary>
    [Theory]
    [InlineData("/health")]
    [InlineData("/v1/events?limit=2")]
    [InlineData("/v1/events?format=csv&limit=2")]
    [InlineData("/v1/events/no-such-event")]
    [InlineData("/v1/events?limit=0")]
    [InlineData("/v1/events/timeline?interval=month")]
    [InlineData("/v1/actors?q=Pes")]
    [InlineData("/v1/dataset")]
    public async Task HeadGetsTheStatusAndHeadersOfGet(string url)
    {
        var client = api.CreateClient();
        var get = await client.GetAsync(url);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        foreach (var name in new[] { "ETag", "Link", "X-Dataset-Version" })
            Assert.Equal(get.Headers.TryGetValues(name, out var g) ? g : [], head.Headers.TryGetValues(name, out var h) ? h : []);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.DeleteAsync(url)).StatusCode);
    }

    [Fact]
    public async Task SwaggerUiIsServed()
    {
        var response = await api.CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheExplorerIsServedAtTheRootWithAPolicyThatAllowsOnlyItsOwnScripts()
    {
        var client = api.CreateClient();
        var page = await client.GetAsync("/");
        var script = await client.GetAsync("/explorer.js");
        var data = await client.GetAsync("/v1/events");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"/explorer.js\">", await page.Content.ReadAsStringAsync());
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.StartsWith("default-src 'none'", data.Headers.GetValues("Content-Security-Policy").Single());
    }

    /// <summary>
    /// The served OpenAPI document is the committed openapi/v1.json. After changing the API,
    /// regenerate it: EVENTSAPI_WRITE_OPENAPI=1 dotnet test --filter ServedOpenApiDocumentIsTheCommittedOne
    /// </summary>
    [Fact]
    public async Task ServedOpenApiDocumentIsTheCommittedOne()
    {
        var served = JsonNode.Parse(await api.CreateClient().GetStringAsync("/openapi/v1.json"))!.ToJsonString(new() { WriteIndented = true }) + "\n";
        if (Environment.GetEnvironmentVariable("EVENTSAPI_WRITE_OPENAPI") == "1")
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(root.FullName, "EventsApi.sln"))) root = root.Parent!;
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "openapi", "v1.json"), served);
            return;
        }
        var committed = Path.Combine(AppContext.BaseDirectory, "openapi", "v1.json");
        Assert.True(File.Exists(committed), "openapi/v1.json is not committed");
        Assert.Equal(await File.ReadAllTextAsync(committed), served);
    }
}

public class DocumentationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>
    /// Docs that drift from the code fail: every documented query parameter has a description and an
    /// example (an OpenAPI example, or "Example: `value`." in the description for filters), and the
    /// endpoint accepts that example.
    /// </summary>
    [Fact]
    public async Task EveryDocumentedParameterIsAcceptedWithItsExample()
    {
        var client = api.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var checkedCount = 0;
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            if (path.Contains('{')) continue;
            foreach (var parameter in operations!["get"]!["parameters"]?.AsArray() ?? [])
            {
                if ((string)parameter!["in"]! != "query") continue;
                var name = (string)parameter["name"]!;
                var description = (string?)parameter["description"];
                Assert.False(string.IsNullOrEmpty(description), $"{path}?{name} has no description");
                var described = System.Text.RegularExpressions.Regex.Match(description, @"Example: `([^`]+)`\.$");
                var example = parameter["example"]?.ToString() ?? (described.Success ? described.Groups[1].Value : null);
                if (name == "cursor") continue; // issued by the server, never written by hand
                Assert.True(example is not null, $"{path}?{name} has no example");
                var extra = name == "role" ? "&actor=Russia" : "";
                var response = await client.GetAsync($"{path}?{name}={Uri.EscapeDataString(example)}{extra}");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}?{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 40, $"only {checkedCount} parameters checked");
    }
}

public class StartupTests
{
    [Fact]
    public async Task AMissingDatabaseIsImportedFromTheDocumentsAtStart()
    {
        using var api = new ApiFactory();
        var fresh = Path.Combine(api.Directory, "fresh.db");
        api.Settings["Database:Path"] = fresh;
        api.Settings["Import:OnStartup"] = "IfMissing";

        var page = await api.CreateClient().GetJson("/v1/events");

        Assert.True(File.Exists(fresh));
        Assert.NotEmpty(page.Data());
    }

    [Fact]
    public void AMissingDatabaseWithImportNeverStopsTheStart()
    {
        using var api = new ApiFactory();
        api.Settings["Database:Path"] = Path.Combine(api.Directory, "absent.db");
        api.Settings["Import:OnStartup"] = "Never";

        var error = Assert.Throws<InvalidOperationException>(() => api.CreateClient());
        Assert.Contains("does not exist", error.Message);
    }

    /// <summary>A copy of the served database that says an older importer built it (schema version 1).</summary>
    private static string OlderSchemaCopy(ApiFactory api)
    {
        var old = Path.Combine(api.Directory, "old.db");
        File.Copy(api.DatabasePath, old);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={old};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version = 1";
        command.ExecuteNonQuery();
        return old;
    }

    [Fact]
    public async Task ADatabaseOfAnOlderSchemaIsRebuiltFromTheDocumentsAtStart()
    {
        using var api = new ApiFactory();
        var old = OlderSchemaCopy(api);
        api.Settings["Database:Path"] = old;
        api.Settings["Import:OnStartup"] = "IfMissing";

        var page = await api.CreateClient().GetJson("/v1/events");

        Assert.NotEmpty(page.Data());
        Assert.Equal(EventsApi.Core.Storage.Migrations.Latest, EventsApi.Core.Storage.DatabaseFile.SchemaVersion(old));
    }

    [Fact]
    public void ADatabaseOfAnOlderSchemaStopsTheStartWhenImportIsNever()
    {
        using var api = new ApiFactory();
        var old = OlderSchemaCopy(api);
        api.Settings["Database:Path"] = old;
        api.Settings["Import:OnStartup"] = "Never";

        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("schema version 1", error.Message);
    }

    [Fact]
    public void ACorruptDatabaseStopsTheStartWithAClearError()
    {
        using var api = new ApiFactory();
        var corrupt = Path.Combine(api.Directory, "corrupt.db");
        var bytes = File.ReadAllBytes(api.DatabasePath);
        File.WriteAllBytes(corrupt, bytes[..(bytes.Length / 3)]);
        api.Settings["Database:Path"] = corrupt;

        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("corrupt.db", error.Message);
    }
}
