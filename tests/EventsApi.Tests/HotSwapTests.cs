using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EventsApi.Importer.Pipeline;
using NodaTime;

namespace EventsApi.Tests;

/// <summary>
/// An import replaces the database while the API serves under load: no request fails, and every
/// response comes wholly from the old or wholly from the new dataset.
/// </summary>
public class HotSwapTests
{
    [Fact]
    public async Task ReplacingTheDatabaseUnderLoadFailsNoRequestAndMixesNoDatasets()
    {
        using var api = new ApiFactory();
        api.Settings["RateLimit:Enabled"] = "false";
        var client = api.CreateClient();
        var oldVersion = (string)(await client.GetJson("/v1/dataset"))["version"]!;

        // The new dataset: the same articles and two more.
        var documents = Path.Combine(api.Directory, "more");
        Directory.CreateDirectory(documents);
        foreach (var file in Directory.GetFiles(ApiFactory.DocumentsPath)) File.Copy(file, Path.Combine(documents, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(documents, "extra-1.txt"), "---\nid: extra-1\npublished: 2025-05-02\ntimezone: Europe/Kyiv\n---\nRussian missiles struck Odesa on Thursday, killing four people.\n");
        File.WriteAllText(Path.Combine(documents, "extra-2.txt"), "---\nid: extra-2\npublished: 2025-05-03\ntimezone: Europe/Kyiv\n---\nUkrainian drones hit an oil depot in Bryansk region on Friday.\n");

        var seen = new ConcurrentBag<(string Url, string Header, string? Body, long Total)>();
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var urls = new[] { "/v1/events?limit=5", "/v1/events?type=strike", "/v1/dataset", "/v1/events?format=csv", "/v1/events/timeline" };
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var url = urls[(n + worker) % urls.Length];
                var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode) { failures.Add($"{(int)response.StatusCode} {url}: {body}"); continue; }
                var header = response.Headers.GetValues("X-Dataset-Version").Single();
                if (url.StartsWith("/v1/events?limit") || url.StartsWith("/v1/events?type"))
                {
                    var page = JsonNode.Parse(body)!;
                    seen.Add((url, header, (string)page["meta"]!["dataset_version"]!, (long)page["meta"]!["total"]!));
                }
                else seen.Add((url, header, null, -1));
            }
        })).ToArray();

        await Task.Delay(700);
        var report = new ImportPipeline(DataFiles.Load(), new FixedClock(Instant.FromUtc(2025, 6, 2, 0, 0))).Run(documents, api.DatabasePath);
        Assert.True(report.Succeeded);
        await Task.Delay(1200);
        stop.Cancel();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        var newVersion = report.DatasetVersion!;
        Assert.NotEqual(oldVersion, newVersion);
        Assert.All(seen, s => Assert.Contains(s.Header, new[] { oldVersion, newVersion }));
        Assert.All(seen.Where(s => s.Body is not null), s => Assert.Equal(s.Header, s.Body));
        Assert.Contains(seen, s => s.Header == oldVersion);
        Assert.Contains(seen, s => s.Header == newVersion);
        // A response's count belongs to its dataset: one query, one dataset, one total.
        foreach (var group in seen.Where(s => s.Total >= 0).GroupBy(s => (s.Url, s.Header)))
            Assert.Single(group.Select(s => s.Total).Distinct());
        Assert.True(seen.Where(s => s.Url == "/v1/events?type=strike").Select(s => s.Total).Distinct().Count() == 2, "the new dataset has more strikes");
    }

    /// <summary>
    /// What the planner looks up for a filter's values and keeps (an actor's events, a word's matches)
    /// belongs to the file it was read from: after an import, each total is the new file's.
    /// </summary>
    [Fact]
    public async Task KeptLookupsOfFilterValuesAreTheServedFilesOwn()
    {
        using var api = new ApiFactory().WithSyntheticDataset(400, seed: 1);
        var client = api.CreateClient();
        var actors = (await client.GetJson("/v1/actors?limit=100"))["data"]!.AsArray().Select(a => "actor=" + (string)a!["id"]!).Take(30);
        var filters = actors.Concat(new[] { "hospital", "depot", "drone*", "missile", "shelling" }.Select(w => "q=" + w)).ToList();

        async Task<Dictionary<string, long>> TotalsMatchingExports()
        {
            var totals = new Dictionary<string, long>();
            foreach (var filter in filters)
            {
                var total = (long)(await client.GetJson($"/v1/events?limit=1&{filter}"))["meta"]!["total"]!;
                var exported = (await client.GetStringAsync($"/v1/events?format=csv&fields=id&limit=10000&{filter}")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
                Assert.True(total == exported, $"{filter}: a total of {total}, an export of {exported} rows");
                totals[filter] = total;
            }
            return totals;
        }

        var before = await TotalsMatchingExports();
        new EventsApi.Importer.Synthetic.SyntheticDataset(DataFiles.Load(), 900, seed: 2)
            .WriteTo(api.Settings["Database:Path"]!, Instant.FromUtc(2026, 2, 1, 0, 0), "test");
        var after = await TotalsMatchingExports();

        Assert.True(filters.Count(f => after[f] > before[f]) > filters.Count / 2, "the new file has more events for most filters");
    }

    /// <summary>
    /// The served file is never written in place (an import renames a new one over it), so the API
    /// opens it immutable and takes no file locks: a lock held on the file does not hold up a request.
    /// </summary>
    [Fact]
    public async Task RequestsAreServedWhileAnotherProcessHoldsTheFileLocked()
    {
        using var api = new ApiFactory();
        var client = api.CreateClient();
        using var locker = new Microsoft.Data.Sqlite.SqliteConnection(EventsApi.Core.Storage.SqliteFiles.ReadWriteCreate(api.DatabasePath) + ";Default Timeout=1");
        locker.Open();
        using (var exclusive = locker.CreateCommand())
        {
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            exclusive.ExecuteNonQuery();
        }

        var response = await client.GetAsync("/v1/events?limit=5&type=strike");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!.AsArray());
    }
}
