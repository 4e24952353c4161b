using System.Text.Json;
using Dapper;
using System.Text.Json.Nodes;
using EventsApi.Core.Storage;
using EventsApi.Events;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventsApi.Tests;

/// <summary>
/// JSON pages, single events, NDJSON lines and GeoJSON properties are copies of each event's stored
/// JSON (EventJson). The serializer's version of the same events, parsed from that JSON into the API's
/// DTOs, must be identical, member order included, with and without sparse fieldsets. And the stored
/// JSON must say what the columns the filters and sorts read say.
/// </summary>
public class EventJsonTests
{
    private const string SomeFields = "date,location,quantity,sources";

    [Fact]
    public Task TheTestArticlesEventsAreWrittenAsTheSerializerWritesThem() => AssertSameAsSerializer(new ApiFactory());

    [Fact]
    public Task SyntheticEventsAreWrittenAsTheSerializerWritesThem() => AssertSameAsSerializer(new ApiFactory().WithSyntheticDataset(1500, seed: 17));

    private static async Task AssertSameAsSerializer(ApiFactory factory)
    {
        using var api = factory;
        var client = api.CreateClient();
        var options = api.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        List<JsonObject> serialized;
        using (var connection = SqliteFiles.OpenReadOnly(api.Settings.GetValueOrDefault("Database:Path") ?? api.DatabasePath))
        {
            var stored = new EventQueries(connection).Stream(new EventFilter(), EventSort.Default, null, 1000).ToList();
            serialized = stored.Select(EventDetails.Read).Select(e => JsonSerializer.SerializeToNode(e.ToDto(), options)!.AsObject()).ToList();
            AssertColumnsAgree(connection, serialized);
            // A cursor's values are read from the stored JSON (EventRow.Keys, as pages give them): the columns' values.
            var columns = connection.Query<(string Id, string Date, int? Fatalities, int SourceCount)>(
                "SELECT id, date, fatalities, source_count FROM events").ToDictionary(k => k.Id);
            foreach (var row in stored)
                Assert.Equal(new SortKeys(row.Id, columns[row.Id].Date, columns[row.Id].Fatalities, columns[row.Id].SourceCount), row.Keys);
        }
        Assert.NotEmpty(serialized);
        Assert.Contains(serialized, e => e["location"]?["latitude"] is not null);

        foreach (var fields in new[] { "", SomeFields })
        {
            var expected = serialized.Select(e => Sparse(e, fields)).ToList();
            var selected = fields.Length == 0 ? "" : "&fields=" + fields;
            var page = (await client.GetJson("/v1/events?limit=1000" + selected)).Data();
            var raw = (await client.GetStringAsync("/v1/events?format=ndjson&limit=1000" + selected)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var lines = raw.Select(line => JsonNode.Parse(line)!).ToList();
            var features = (await client.GetJson("/v1/events?format=geojson&limit=1000" + selected))["features"]!.AsArray();

            Assert.Equal(expected, page.Select(e => e!.ToJsonString()));
            Assert.Equal(expected, lines.Select(e => e.ToJsonString()));
            // Byte for byte, too: the stored JSON escapes text as the serializer does (é, not \u00E9).
            Assert.Equal(expected.Select(e => JsonNode.Parse(e)!.ToJsonString(options)), raw);
            Assert.Equal(expected.Where((_, i) => serialized[i]["location"]?["latitude"] is not null), features.Select(f => f!["properties"]!.ToJsonString()));
        }

        // One event by id is the same object as in the list, for a sample across the page.
        foreach (var e in serialized.Where((_, i) => i % 97 == 0))
        {
            var one = await client.GetJson($"/v1/events/{e["id"]}");
            Assert.Equal(e.ToJsonString(), one.ToJsonString());
        }
    }

    private static void AssertColumnsAgree(SqliteConnection connection, List<JsonObject> events)
    {
        var byId = events.ToDictionary(e => (string)e["id"]!);
        var rows = connection.Query("""
            SELECT id, type, subtype, date, date_end, date_precision, fatalities, injured,
                   quantity_value, quantity_unit, source_count, latitude, longitude
            FROM events
            """).Cast<IDictionary<string, object?>>().Where(r => byId.ContainsKey((string)r["id"]!)).ToList();
        Assert.Equal(events.Count, rows.Count);
        foreach (var row in rows)
        {
            var e = byId[(string)row["id"]!];
            foreach (var column in new[] { "type", "subtype", "date", "date_end", "date_precision", "fatalities", "injured", "source_count" })
                Assert.Equal(row[column]?.ToString(), e[column]?.ToString());
            Assert.Equal(row["quantity_value"]?.ToString(), e["quantity"]?["value"]?.ToString());
            Assert.Equal(row["quantity_unit"]?.ToString(), e["quantity"]?["unit"]?.ToString());
            Assert.Equal(row["latitude"] as double?, e["location"]?["latitude"]?.GetValue<double>());
            Assert.Equal(row["longitude"] as double?, e["location"]?["longitude"]?.GetValue<double>());
        }
    }

    /// <summary>Only the members a fieldset names, and the id (all of them without a fieldset).</summary>
    private static string Sparse(JsonObject e, string fields)
    {
        var wanted = fields.Split(',', StringSplitOptions.RemoveEmptyEntries).Append("id").ToHashSet();
        var copy = e.DeepClone().AsObject();
        if (fields.Length > 0) foreach (var name in copy.Select(p => p.Key).ToList().Where(k => !wanted.Contains(k))) copy.Remove(name);
        return copy.ToJsonString();
    }
}
