using System.Net;
using System.Text.Json.Nodes;
using CsvHelper;

namespace EventsApi.Tests;

/// <summary>../shared/API.md point by point: every format parsed back, every filter, the catalog resources.</summary>
public class ContractTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = api.CreateClient();

    [Fact]
    public async Task CsvParsesBackWithOneRowPerEventAndFlattenedColumns()
    {
        var json = (await client.GetJson("/v1/events?limit=1000")).Data();
        var response = await client.GetAsync("/v1/events?format=csv&limit=1000");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);

        var text = await response.Content.ReadAsStringAsync();
        var header = text[..text.IndexOf("\r\n", StringComparison.Ordinal)].Split(',');
        using var csv = CsvReader.FromText(text, null);
        csv.ReadHeader();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(header.ToDictionary(h => h, h => csv.GetString(h)));

        Assert.Equal(json.Count, rows.Count);
        foreach (var column in new[] { "actor1", "actor1_country", "actor2", "admin1", "country_code", "latitude", "longitude", "source_count", "source_urls" })
            Assert.Contains(column, rows[0].Keys);
        var strike = rows.Single(r => r["location"] == "Kharkiv" && r["subtype"] == "drone_strike");
        Assert.Equal("2", strike["fatalities"]);
        Assert.Equal("Russian Armed Forces", strike["actor1"]);
        Assert.Contains("https://example.org/kharkiv", strike["source_urls"]);
        Assert.Equal(json.Select(e => (string)e["id"]!), rows.Select(r => r["id"]));
        // Quoted fields with commas and quotes come back intact.
        Assert.Equal(json.Select(e => (string)e["summary"]!), rows.Select(r => r["summary"]));
    }

    [Fact]
    public async Task AcceptHeaderChoosesTheFormat()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events");
        request.Headers.Accept.ParseAdd("text/csv");
        var response = await client.SendAsync(request);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("id,type,subtype,", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GeoJsonIsAFeatureCollectionOfPointsInLonLatOrder()
    {
        var response = await client.GetAsync("/v1/events?format=geojson&limit=1000");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        var collection = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var all = (await client.GetJson("/v1/events?limit=1000")).Data();

        Assert.Equal("FeatureCollection", (string)collection["type"]!);
        var features = collection["features"]!.AsArray();
        var located = all.Where(e => e["location"]?["longitude"] is not null).ToList();
        Assert.Equal(located.Count, features.Count);
        Assert.Equal(all.Count - located.Count, (int)collection["meta"]!["without_coordinates"]!);
        var kharkiv = features.First(f => (string?)f!["properties"]!["location"]!["name"] == "Kharkiv")!;
        var coordinates = kharkiv["geometry"]!["coordinates"]!.AsArray();
        Assert.Equal("Point", (string)kharkiv["geometry"]!["type"]!);
        Assert.InRange((double)coordinates[0]!, 36.0, 36.5);   // longitude first
        Assert.InRange((double)coordinates[1]!, 49.8, 50.1);
    }

    [Fact]
    public async Task NdJsonIsOneEventPerLineAndPagesFollowTheLinkHeader()
    {
        var ids = new List<string>();
        string? url = "/v1/events?format=ndjson&limit=3";
        while (url is not null)
        {
            var response = await client.GetAsync(url);
            Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            ids.AddRange(lines.Select(l => (string)JsonNode.Parse(l)!["id"]!));
            url = response.Headers.TryGetValues("Link", out var link) ? link.Single()[1..link.Single().IndexOf('>')] : null;
        }
        var total = (long)(await client.GetJson("/v1/events"))["meta"]!["total"]!;
        Assert.Equal(total, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task FieldsReturnSparseEventsInEveryFormat()
    {
        var page = await client.GetJson("/v1/events?fields=date,type");
        Assert.All(page.Data(), e => Assert.Equal(["id", "date", "type"], e.AsObject().Select(p => p.Key).Order().Reverse().OrderBy(k => k == "id" ? 0 : 1).ThenBy(k => k)));
        var csv = await client.GetStringAsync("/v1/events?fields=date,type&format=csv");
        Assert.StartsWith("id,type,date\r\n", csv);
        var ndjson = await client.GetStringAsync("/v1/events?fields=summary&format=ndjson&limit=1");
        Assert.Equal(["id", "summary"], JsonNode.Parse(ndjson)!.AsObject().Select(p => p.Key).Order());
    }

    [Fact]
    public async Task SortOrdersByTheKeyWithIdBreakingTies()
    {
        var byFatalities = (await client.GetJson("/v1/events?sort=-fatalities&limit=1000")).Data();
        var values = byFatalities.Select(e => (int?)e["fatalities"] ?? -1).ToList();
        Assert.Equal(values.OrderDescending(), values);

        var byDateAscending = (await client.GetJson("/v1/events?sort=date,id&limit=1000")).Data();
        var keys = byDateAscending.Select(e => ((string)e["date"]!, (string)e["id"]!)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal), keys);
    }

    [Theory]
    [InlineData("min_fatalities=1", "fatalities")]
    [InlineData("precision=day", "date_precision")]
    [InlineData("geo_precision=city", "location")]
    [InlineData("min_sources=2", "source_count")]
    [InlineData("subtype=shelling", "subtype")]
    [InlineData("country=RUS", "location")]
    [InlineData("country=Russia", "location")]
    [InlineData("source=test-belgorod-2025-03-12", "sources")]
    [InlineData("q=Shebekino", "sources")]
    [InlineData("q=drone*", "summary")]
    [InlineData("bbox=35.5,49.5,37.5,50.5", "location")]
    [InlineData("from=2025-03-09&to=2025-03-10&date_mode=within", "date")]
    public async Task EveryFilterKeepsOnlyWhatItDescribes(string filter, string field)
    {
        var all = (await client.GetJson("/v1/events?limit=1000")).Data();
        var kept = (await client.GetJson($"/v1/events?limit=1000&{filter}")).Data();

        Assert.NotEmpty(kept);
        Assert.True(kept.Count < all.Count, $"{filter} kept everything");
        Assert.All(kept, e => Assert.True(Satisfies(filter, e), $"{filter}: {e[field]?.ToJsonString()}"));
    }

    private static bool Satisfies(string filter, JsonNode e) => filter.Split('=')[0] switch
    {
        "min_fatalities" => (int?)e["fatalities"] >= 1,
        "precision" => (string)e["date_precision"]! == "day",
        "geo_precision" => (string?)e["location"]?["precision"] is "city" or "point",
        "min_sources" => (int)e["source_count"]! >= 2,
        "subtype" => (string)e["subtype"]! == "shelling",
        "country" => (string?)e["location"]?["country_code"] == "RUS",
        "source" => e["sources"]!.AsArray().Any(s => (string)s!["document_id"]! == "test-belgorod-2025-03-12"),
        "q" when filter.Contains("Shebekino") => e["sources"]!.AsArray().Any(s => ((string)s!["quote"]!).Contains("Shebekino")) || ((string)e["summary"]!).Contains("Shebekino"),
        "q" => ((string)e["summary"]!).Contains("drone", StringComparison.OrdinalIgnoreCase) || e["sources"]!.AsArray().Any(s => ((string)s!["quote"]!).Contains("drone", StringComparison.OrdinalIgnoreCase)),
        "bbox" => (double?)e["location"]?["longitude"] is >= 35.5 and <= 37.5 && (double?)e["location"]?["latitude"] is >= 49.5 and <= 50.5,
        "from" => string.CompareOrdinal((string)e["date"]!, "2025-03-09") >= 0 && string.CompareOrdinal((string)e["date_end"]!, "2025-03-10") <= 0,
        _ => false,
    };

    [Theory]
    [InlineData("region=Kharkiv")]
    [InlineData("region=UA-09")]
    [InlineData("region=Luhansk")]
    [InlineData("actor=Russia")]
    [InlineData("actor=ru-peskov")]
    [InlineData("type=strike")]
    [InlineData("subtype=shelling&subtype=drone_strike")]
    [InlineData("actor=Russia&role=speaker")]
    public async Task TotalsAreTheNumberOfEventsThePagesHold(string filter)
    {
        var page = await client.GetJson($"/v1/events?limit=1000&{filter}");
        Assert.Equal(page.Data().Count, (long)page["meta"]!["total"]!);
        Assert.NotEmpty(page.Data());
    }

    [Fact]
    public async Task DateModeWithinExcludesCoarseEventsThatOnlyOverlap()
    {
        var overlap = (await client.GetJson("/v1/events?from=2025-03-10&to=2025-03-10")).Data();
        var within = (await client.GetJson("/v1/events?from=2025-03-10&to=2025-03-10&date_mode=within")).Data();
        Assert.Contains(overlap, e => (string)e["date_precision"]! == "week");
        Assert.DoesNotContain(within, e => (string)e["date_precision"]! == "week");
    }

    [Theory]
    [InlineData("interval=month", null)]
    [InlineData("interval=day&group_by=type", "type")]
    [InlineData("interval=week&group_by=country", "country")]
    [InlineData("interval=year&group_by=actor&type=strike", "actor")]
    public async Task TimelineCountsMatchTheEventsItSummarises(string query, string? groupBy)
    {
        var timeline = await client.GetJson($"/v1/events/timeline?{query}");
        var filter = string.Join('&', query.Split('&').Where(p => !p.StartsWith("interval") && !p.StartsWith("group_by")));
        var events = (await client.GetJson($"/v1/events?limit=1000&{filter}")).Data();

        var buckets = timeline["data"]!.AsArray();
        if (groupBy != "actor") Assert.Equal(events.Count, buckets.Sum(b => (long)b!["events"]!));
        Assert.Equal(events.Count, (long)timeline["meta"]!["total_events"]!);
        Assert.All(buckets, b => Assert.True(string.CompareOrdinal((string)b!["start"]!, (string)b["end"]!) <= 0));
        // Events without a location have no country: their group is null.
        if (groupBy is "type" or "actor") Assert.All(buckets, b => Assert.NotNull(b!["group"]));
    }

    [Fact]
    public async Task TimelineSharesTheFilterGrammarAndRejectsBadIntervals()
    {
        var bad = await client.GetAsync("/v1/events/timeline?interval=fortnight&group_by=mood&type=picnic&limit=5");
        var problem = await bad.ReadJson();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        foreach (var name in new[] { "interval", "group_by", "type", "limit" }) Assert.NotNull(problem["errors"]![name]);
    }

    [Fact]
    public async Task EventTypesListTheWholeTaxonomyWithCounts()
    {
        var types = (await client.GetJson("/v1/event-types"))["data"]!.AsArray();
        Assert.Equal(["strike", "battle", "talks", "prisoner_exchange", "territorial_claim", "statement"], types.Select(t => (string)t!["name"]!));
        var strike = types.Single(t => (string)t!["name"]! == "strike")!;
        var total = (long)(await client.GetJson("/v1/events?type=strike"))["meta"]!["total"]!;
        Assert.Equal(total, (long)strike["events"]!);
        Assert.Contains(strike["subtypes"]!.AsArray(), s => (string)s!["name"]! == "interception");
    }

    [Fact]
    public async Task ActorsHaveHierarchyAliasesAndPrefixSearch()
    {
        var peskov = (await client.GetJson("/v1/actors?q=pesk"))["data"]!.AsArray().Single()!;
        Assert.Equal("ru-peskov", (string)peskov["id"]!);
        Assert.Equal("ru-kremlin", (string)peskov["parent"]!);
        Assert.Equal("Russia", (string)peskov["affiliation"]!);
        Assert.Contains("Peskov", peskov["aliases"]!.AsArray().Select(a => (string)a!));

        var russia = await client.GetJson("/v1/actors/RUS");
        Assert.True((int)russia["event_count_including_subordinates"]! >= (int)russia["event_count"]!);
        Assert.True((int)russia["event_count_including_subordinates"]! > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/actors/nobody")).StatusCode);
        Assert.Contains((await client.GetJson("/v1/actors?q=Kyiv"))["data"]!.AsArray(), a => (string)a!["id"]! == "ua-gov");
    }

    [Fact]
    public async Task PlacesListOnlyEntriesWithEventsWithTheirHierarchy()
    {
        var places = (await client.GetJson("/v1/places?limit=1000"))["data"]!.AsArray();
        Assert.All(places, p => Assert.True((int)p!["event_count"]! > 0));
        var shebekino = (await client.GetJson("/v1/places?q=Shebek"))["data"]!.AsArray().Single()!;
        Assert.Equal("Belgorod Oblast", (string)shebekino["admin1"]!);
        Assert.Equal("RUS", (string)shebekino["country_code"]!);
        var oblast = await client.GetJson($"/v1/places/{shebekino["parent"]}");
        Assert.Equal("admin1", (string)oblast["level"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/places/UA-99")).StatusCode);
        Assert.NotEmpty((await client.GetJson("/v1/places?level=country"))["data"]!.AsArray());
    }

    [Fact]
    public async Task SourcesListDocumentsAndOneDocumentItsEvents()
    {
        var sources = (await client.GetJson("/v1/sources"))["data"]!.AsArray();
        Assert.Equal(Directory.GetFiles(ApiFactory.DocumentsPath).Length, sources.Count);
        var belgorod = await client.GetJson("/v1/sources/test-belgorod-2025-03-12");
        Assert.Equal("Test Wire", (string)belgorod["source"]!["publisher"]!);
        Assert.NotEmpty(belgorod["events"]!.AsArray());
        Assert.Equal((int)belgorod["source"]!["event_count"]!, belgorod["events"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/sources/nope")).StatusCode);
    }

    [Fact]
    public async Task DatasetDescribesVersionCountsAndRange()
    {
        var response = await client.GetAsync("/v1/dataset");
        var dataset = await response.ReadJson();
        Assert.Equal(response.Headers.GetValues("X-Dataset-Version").Single(), (string)dataset["version"]!);
        Assert.Equal((long)(await client.GetJson("/v1/events"))["meta"]!["total"]!, (long)dataset["counts"]!["events"]!);
        Assert.NotNull(dataset["imported_at"]);
        Assert.NotNull(dataset["coder_version"]);
        Assert.True(string.CompareOrdinal((string)dataset["first_date"]!, (string)dataset["last_date"]!) < 0);
    }

    [Theory]
    [InlineData("/v1/actors?colour=red")]
    [InlineData("/v1/actors?limit=0")]
    [InlineData("/v1/places?level=galaxy")]
    [InlineData("/v1/sources?offset=-1")]
    [InlineData("/v1/event-types?x=1")]
    [InlineData("/v1/dataset?x=1")]
    [InlineData("/v1/events/ev_000000000000?x=1")]
    public async Task EveryEndpointRejectsUnknownOrMalformedParameters(string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task CorsLetsAnyOriginReadWithGetOnly()
    {
        var get = new HttpRequestMessage(HttpMethod.Get, "/v1/events?limit=1");
        get.Headers.Add("Origin", "https://example.com");
        var response = await client.SendAsync(get);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/events");
        preflight.Headers.Add("Origin", "https://example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "DELETE");
        var denied = await client.SendAsync(preflight);
        Assert.False(denied.Headers.TryGetValues("Access-Control-Allow-Methods", out var methods) && methods.Any(m => m.Contains("DELETE")));
    }

    [Fact]
    public async Task ResponsesCarrySecurityHeaders()
    {
        var response = await client.GetAsync("/v1/events?limit=1");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}

public class RateLimitTests
{
    [Fact]
    public async Task ExceedingTheLimitGets429WithRetryAfter()
    {
        using var api = new ApiFactory();
        api.Settings["RateLimit:PermitLimit"] = "3";
        api.Settings["RateLimit:WindowSeconds"] = "60";
        var client = api.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 5; i++)
        {
            last = await client.GetAsync("/v1/events?limit=1");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(last.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType!.MediaType);
    }
}

public class ConcurrencyLimitTests
{
    [Fact]
    public async Task BeyondTheRequestSlotsAndTheirQueueTheAnswerIsA503ProblemWithRetryAfter()
    {
        using var api = new ApiFactory().WithSyntheticDataset(3000, seed: 3);
        api.Settings["Api:MaxConcurrentRequests"] = "1";
        api.Settings["Api:RequestQueueLimit"] = "0";
        var client = api.CreateClient();

        // A large export read slowly holds the only slot while its body is unread.
        using var export = await client.GetAsync("/v1/events?format=csv&limit=3000", HttpCompletionOption.ResponseHeadersRead);
        var busy = await client.GetAsync("/v1/events?limit=1");
        var exported = await export.Content.ReadAsStringAsync();
        var after = await client.GetAsync("/v1/events?limit=1");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal("application/problem+json", busy.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Server busy", await busy.Content.ReadAsStringAsync());
        Assert.True(int.Parse(busy.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.True(exported.Length > 1_000_000);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
