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

    [Fact]
    public async Task SwaggerUiIsServed()
    {
        var response = await api.CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync());
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
