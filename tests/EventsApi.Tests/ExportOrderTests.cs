using System.Text.Json.Nodes;

namespace EventsApi.Tests;

/// <summary>
/// An export lists the events that paging through the same filter lists, in the same order. The two
/// may choose their rows by different paths: a box's page is merged from its points in the API
/// (PointSeqs), its export by SQLite, which streams all of the box; a page of several criteria is
/// chosen from their sets of seqs (FilterBitmaps), its export by SQL. Each page's total is the count.
/// </summary>
public sealed class ExportOrderTests(ExportOrderTests.Dataset dataset) : IClassFixture<ExportOrderTests.Dataset>
{
    public sealed class Dataset : IDisposable
    {
        public ApiFactory Api { get; } = new ApiFactory().WithSyntheticDataset(3000, seed: 5);

        public void Dispose() => Api.Dispose();
    }

    [Theory]
    [InlineData("bbox=35.8,49.6,36.7,50.4")]             // around Kharkiv: its points merged
    [InlineData("bbox=35.8,49.6,36.7,50.4&sort=date")]   // the same, oldest first
    [InlineData("bbox=22,44,40.3,52.4")]                 // all of Ukraine: walked in order
    [InlineData("bbox=35.8,49.6,36.7,50.4&type=strike")]            // a box with more: their sets, the box's from its points
    [InlineData("bbox=30,46,38,50&from=2024-03-01&sort=date")]
    [InlineData("region=Donetsk&from=2024-01-01")]
    [InlineData("actor=Kremlin")]
    [InlineData("q=drone*")]
    [InlineData("type=strike&sort=-fatalities")]
    [InlineData("region=Ukraine&type=strike&q=drone*")]              // several criteria: their sets
    [InlineData("actor=Russia&role=target&region=Kharkiv&sort=date")]
    [InlineData("q=shelling&from=2023-02-10&to=2024-07-31")]         // a search in a date range
    [InlineData("region=Donetsk&type=battle&from=2022-05-01&to=2024-01-31&date_mode=within")]
    [InlineData("sort=-source_count,-date")]                         // several keys: chosen in memory, pages and export
    [InlineData("type=strike&sort=fatalities,source_count")]
    [InlineData("q=drone*&region=Ukraine&sort=-date,-fatalities")]
    public async Task AnExportListsThePagesEventsInTheirOrder(string filter)
    {
        var client = dataset.Api.CreateClient();
        var paged = new List<string>();
        var totals = new HashSet<long>();
        for (string? url = $"/v1/events?{filter}&limit=10"; url is not null; )
        {
            var page = await client.GetJson(url);
            paged.AddRange(page.Data().Select(e => (string)e["id"]!));
            totals.Add((long)page["meta"]!["total"]!);
            url = (string?)page["links"]?["next"];
        }

        var ndjson = await client.GetStringAsync($"/v1/events?{filter}&format=ndjson&limit=100000");
        var exported = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => (string)JsonNode.Parse(line)!["id"]!).ToList();

        Assert.True(paged.Count > 20, $"{filter}: {paged.Count} events, less than three pages");
        Assert.Equal(paged, exported);
        Assert.Equal([paged.Count], totals);
    }

    /// <summary>
    /// A page of another format no longer than a JSON page is the JSON page: the same events in the same
    /// order, GeoJSON's located ones at their coordinates, and a Link to the next page when there is one.
    /// </summary>
    [Theory]
    [InlineData("region=Ukraine&type=strike&q=drone*")]
    [InlineData("precision=day&geo_precision=city&from=2023-01-01")]
    [InlineData("country=RUS&type=strike&from=2022-01-01&to=2024-12-31&date_mode=within")]
    [InlineData("bbox=35.8,49.6,36.7,50.4&sort=-fatalities")]
    [InlineData("actor=Kremlin&role=speaker")]
    public async Task AShortPageOfAnotherFormatIsTheJsonPage(string filter)
    {
        var client = dataset.Api.CreateClient();
        var json = await client.GetJson($"/v1/events?{filter}&limit=40");
        var events = json.Data().ToList();
        Assert.True(events.Count > 5, $"{filter}: {events.Count} events");

        var ndjson = await client.GetAsync($"/v1/events?{filter}&limit=40&format=ndjson");
        var lines = (await ndjson.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(events.Select(e => e.ToJsonString()), lines.Select(line => JsonNode.Parse(line)!.ToJsonString()));
        Assert.Equal(json["links"]?["next"] is not null, ndjson.Headers.Contains("Link"));

        var geojson = await client.GetJson($"/v1/events?{filter}&limit=40&format=geojson");
        var located = events.Where(e => e["location"]?["latitude"] is not null).ToList();
        var features = geojson["features"]!.AsArray();
        Assert.Equal(located.Select(e => (string)e["id"]!), features.Select(f => (string)f!["id"]!));
        Assert.Equal(located.Select(e => $"{e["location"]!["longitude"]} {e["location"]!["latitude"]}"),
            features.Select(f => $"{f!["geometry"]!["coordinates"]![0]} {f["geometry"]!["coordinates"]![1]}"));
        Assert.Equal(events.Count - located.Count, (int)geojson["meta"]!["without_coordinates"]!);
    }

    /// <summary>
    /// A filtered timeline counts the events the list counts, and its periods' events and fatalities
    /// add up to the listed events' own, whichever path counts it (sets, or SQL's grouping).
    /// </summary>
    [Theory]
    [InlineData("region=Ukraine&type=strike&q=drone*", "month", null)]
    [InlineData("actor=Russia&role=target&region=Kharkiv", "week", "type")]
    [InlineData("q=shelling&from=2023-02-10&to=2024-07-31", "day", "subtype")]
    [InlineData("region=Donetsk", "year", "type")]
    [InlineData("region=Donetsk&type=battle&from=2022-05-01&to=2024-01-31&date_mode=within", "month", "country")]
    public async Task ATimelineAddsUpToTheListedEvents(string filter, string interval, string? groupBy)
    {
        var client = dataset.Api.CreateClient();
        var events = (await client.GetStringAsync($"/v1/events?{filter}&format=ndjson&limit=100000"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        var timeline = await client.GetJson($"/v1/events/timeline?{filter}&interval={interval}" + (groupBy is null ? "" : $"&group_by={groupBy}"));
        var buckets = timeline["data"]!.AsArray();

        Assert.True(events.Count > 20, $"{filter}: {events.Count} events");
        Assert.Equal(events.Count, (long)timeline["meta"]!["total_events"]!);
        Assert.Equal(events.Count, buckets.Sum(b => (long)b!["events"]!));
        Assert.Equal(events.Sum(e => (long?)e["fatalities"] ?? 0), buckets.Sum(b => (long)b!["fatalities"]!));
    }
}
