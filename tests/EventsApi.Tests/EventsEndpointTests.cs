using System.Net;
using System.Text.Json.Nodes;

namespace EventsApi.Tests;

public class EventsEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = api.CreateClient();

    [Fact]
    public async Task ListEventsReturnsAPageInTheContractShape()
    {
        var response = await client.GetAsync("/v1/events");
        var page = await response.ReadJson();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = page.Data();
        Assert.NotEmpty(events);
        Assert.Equal(events.Count, (int)page["meta"]!["returned"]!);
        Assert.Equal(events.Count, (long)page["meta"]!["total"]!);
        Assert.Equal(50, (int)page["meta"]!["limit"]!);
        Assert.Equal(response.Headers.GetValues("X-Dataset-Version").Single(), (string)page["meta"]!["dataset_version"]!);
        Assert.Equal("/v1/events", (string)page["links"]!["self"]!);
        var strike = events.First(e => (string)e["subtype"]! == "drone_strike");
        Assert.Matches("^ev_[0-9a-f]{12}$", (string)strike["id"]!);
        Assert.Equal("Kharkiv", (string)strike["location"]!["name"]!);
        Assert.Equal("UKR", (string)strike["location"]!["country_code"]!);
        Assert.Equal("UA-63", (string)strike["location"]!["admin1_code"]!);
        Assert.Equal(2, (int)strike["fatalities"]!);
        Assert.Equal(2, (int)strike["source_count"]!);
        Assert.All(strike["sources"]!.AsArray(), s => Assert.False(string.IsNullOrEmpty((string)s!["quote"]!)));
        // Newest first by default.
        var dates = events.Select(e => (string)e["date"]!).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
    }

    [Fact]
    public async Task QuotesAreTheSourceDocumentsTextAtTheirOffsets()
    {
        var page = await client.GetJson("/v1/events?limit=1000");
        foreach (var source in page.Data().SelectMany(e => e["sources"]!.AsArray()))
        {
            var file = Directory.GetFiles(ApiFactory.DocumentsPath).Single(f => File.ReadAllText(f).Contains($"id: {source!["document_id"]}\n"));
            var text = File.ReadAllText(file);
            var body = text[(text.IndexOf("\n---\n", 4, StringComparison.Ordinal) + 5)..];
            Assert.Equal((string)source!["quote"]!, body.Substring((int)source["offset"]!, (int)source["length"]!));
        }
    }

    [Fact]
    public async Task GetEventReturnsTheEventAndUnknownIdsAreNotFoundProblems()
    {
        var first = (await client.GetJson("/v1/events?limit=1")).Data()[0];
        var one = await client.GetJson($"/v1/events/{first["id"]}");
        Assert.Equal(first.ToJsonString(), one.ToJsonString());

        var missing = await client.GetAsync("/v1/events/ev_000000000000");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        var problem = await missing.ReadJson();
        Assert.Equal(404, (int)problem["status"]!);
        Assert.NotNull(problem["traceId"]);
    }

    [Fact]
    public async Task PagingThroughTheWholeDatasetVisitsEachEventExactlyOnce()
    {
        var total = (long)(await client.GetJson("/v1/events"))["meta"]!["total"]!;
        var seen = new List<string>();
        string? url = "/v1/events?limit=2";
        while (url is not null)
        {
            var response = await client.GetAsync(url);
            var page = await response.ReadJson();
            seen.AddRange(page.Data().Select(e => (string)e["id"]!));
            url = (string?)page["links"]!["next"];
            if (url is not null) Assert.Equal($"<{url}>; rel=\"next\"", response.Headers.GetValues("Link").Single());
            else Assert.False(response.Headers.Contains("Link"));
        }
        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("region=Russia", "Shebekino")]
    [InlineData("region=Belgorod Oblast", "Shebekino")]
    [InlineData("region=Luhansk", "Lysychansk")]
    [InlineData("region=Luhansk", "Bilohorivka")]
    [InlineData("region=UA-09", "Bilohorivka")]
    [InlineData("region=Eastern Europe", "Kharkiv")]
    [InlineData("region=Eastern Europe", "Shebekino")]
    [InlineData("region=Kharkov", "Kharkiv")]
    public async Task RegionMatchesEveryLevelOfThePlaceHierarchy(string filter, string place)
    {
        var events = (await client.GetJson($"/v1/events?{filter}")).Data();

        Assert.Contains(events, e => (string?)e["location"]?["name"] == place);
        Assert.All(events, e => Assert.NotNull(e["location"]));
    }

    [Fact]
    public async Task RegionOutsideTheDataIsAnEmptyPageNotAnError()
    {
        var page = await client.GetJson("/v1/events?region=Atlantis");
        Assert.Empty(page.Data());
        Assert.Equal(0, (long)page["meta"]!["total"]!);
    }

    [Theory]
    [InlineData("actor=Russia", "ru-peskov")]
    [InlineData("actor=Kremlin", "ru-peskov")]
    [InlineData("actor=Peskov", "ru-peskov")]
    [InlineData("actor=Russia&role=speaker", "ru-peskov")]
    [InlineData("actor=Ukraine", "ua-armed-forces")]
    public async Task ActorMatchesTheActorAndEverythingUnderIt(string filter, string actorId)
    {
        var events = (await client.GetJson($"/v1/events?{filter}")).Data();
        Assert.Contains(events, e => e["actors"]!.AsArray().Any(a => (string)a!["id"]! == actorId));
    }

    [Fact]
    public async Task RoleNarrowsTheActorFilter()
    {
        var asSpeaker = (await client.GetJson("/v1/events?actor=Russia&role=speaker")).Data();
        var asInitiator = (await client.GetJson("/v1/events?actor=Russia&role=initiator")).Data();

        Assert.All(asSpeaker, e => Assert.Equal("statement", (string)e["type"]!));
        Assert.All(asInitiator, e => Assert.Equal("strike", (string)e["type"]!.GetValue<string>() is "strike" or "battle" ? "strike" : (string)e["type"]!));
        Assert.DoesNotContain(asInitiator, e => (string)e["type"]! == "statement");
    }

    [Fact]
    public async Task DatesTypesAndRepeatedParametersFilter()
    {
        var march = (await client.GetJson("/v1/events?from=2025-03-01&to=2025-03-31")).Data();
        Assert.NotEmpty(march);
        Assert.All(march, e => Assert.StartsWith("2025-03", (string)e["date"]!));

        var strikesOrBattles = (await client.GetJson("/v1/events?type=strike&type=battle")).Data();
        Assert.Contains(strikesOrBattles, e => (string)e["type"]! == "strike");
        Assert.Contains(strikesOrBattles, e => (string)e["type"]! == "battle");
        Assert.All(strikesOrBattles, e => Assert.Contains((string)e["type"]!, new[] { "strike", "battle" }));
    }

    [Theory]
    [InlineData("/v1/events?colour=red", "colour")]
    [InlineData("/v1/events?from=yesterday", "from")]
    [InlineData("/v1/events?from=2025-05-01&to=2025-04-01", "from")]
    [InlineData("/v1/events?limit=0", "limit")]
    [InlineData("/v1/events?limit=1001", "limit")]
    [InlineData("/v1/events?limit=ten", "limit")]
    [InlineData("/v1/events?type=picnic", "type")]
    [InlineData("/v1/events?role=speaker", "role")]
    [InlineData("/v1/events?cursor=garbage", "cursor")]
    [InlineData("/v1/events?limit=5&limit=6", "limit")]
    public async Task BadParametersAreBadRequestProblemsNamingTheParameter(string url, string parameter)
    {
        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.ReadJson();
        Assert.NotNull(problem["errors"]![parameter]);
        Assert.NotNull(problem["traceId"]);
    }

    [Fact]
    public async Task ACursorCannotBeReusedForADifferentQuery()
    {
        var next = (string)(await client.GetJson("/v1/events?limit=1"))["links"]!["next"]!;
        var cursor = next[(next.IndexOf("cursor=", StringComparison.Ordinal) + 7)..];

        var otherQuery = await client.GetAsync($"/v1/events?limit=1&type=strike&cursor={cursor}");
        var tampered = await client.GetAsync($"/v1/events?limit=1&cursor={cursor[..^2]}xx");

        Assert.Equal(HttpStatusCode.BadRequest, otherQuery.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        // The page size and the fields may change between pages; the position stays valid.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/events?limit=3&fields=date&cursor={cursor}")).StatusCode);
    }

    [Fact]
    public async Task ResponsesCarryAStrongETagAndAnswerIfNoneMatchWith304()
    {
        var first = await client.GetAsync("/v1/events?type=strike");
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal("public, max-age=60", first.Headers.CacheControl!.ToString());

        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events?type=strike");
        request.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.NotEqual(etag, (await client.GetAsync("/v1/events?type=battle")).Headers.ETag);
    }

    /// <summary>A problem is not data: no ETag to revalidate it with, and no caching by shared caches.</summary>
    [Theory]
    [InlineData("/v1/events/no-such-event", HttpStatusCode.NotFound)]
    [InlineData("/v1/events?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/v1/actors/no-such-actor", HttpStatusCode.NotFound)]
    public async Task ProblemsCarryNoETag(string url, HttpStatusCode status)
    {
        var response = await client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.Null(response.Headers.CacheControl);
        Assert.True(response.Headers.Contains("X-Dataset-Version"));
    }
}
