using System.Globalization;
using System.Text.Json.Nodes;
using CsvHelper;
using EventsApi.Events;

namespace EventsApi.Tests;

/// <summary>
/// CSV rows are flattened from each event's stored JSON without the serializer. Every cell must say what
/// the JSON page says of the same event, by the flattening API.md describes: the first three actors'
/// name, id, role and country; every actor as "name (role)"; the location's members; the quantity;
/// the distinct document ids and URLs of the sources. Text with quotes, commas, line breaks and
/// non-ASCII letters must come back intact.
/// </summary>
public class CsvRowsTests
{
    private static readonly Dictionary<string, string> LocationColumns = new()
    {
        ["location_id"] = "id", ["location"] = "name", ["admin1"] = "admin1", ["admin1_code"] = "admin1_code", ["country"] = "country",
        ["country_code"] = "country_code", ["latitude"] = "latitude", ["longitude"] = "longitude", ["geo_precision"] = "precision",
    };

    [Fact]
    public Task TheTestArticlesEventsFlattenAsTheirJsonSays() => AssertCsvMatchesJson(new ApiFactory(), "");

    [Fact]
    public Task SyntheticEventsFlattenAsTheirJsonSays() => AssertCsvMatchesJson(new ApiFactory().WithSyntheticDataset(1200, seed: 23), "");

    [Fact]
    public Task SelectedFieldsKeepTheirColumnsOnly() =>
        AssertCsvMatchesJson(new ApiFactory().WithSyntheticDataset(400, seed: 29), "&fields=summary,actors,quantity,sources");

    private static async Task AssertCsvMatchesJson(ApiFactory factory, string fields)
    {
        using var api = factory;
        var client = api.CreateClient();
        var events = (await client.GetJson("/v1/events?limit=1000" + fields)).Data();
        var text = await client.GetStringAsync("/v1/events?format=csv&limit=1000" + fields);

        var header = text[..text.IndexOf("\r\n", StringComparison.Ordinal)].Split(','); // column names need no quotes
        using var csv = CsvReader.FromText(text, null);
        csv.ReadHeader();
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add([.. header.Select(h => csv.GetString(h) ?? "")]);

        Assert.Equal(events.Count, rows.Count);
        Assert.True(rows.Count > 5, $"only {rows.Count} events");
        if (fields.Length > 0) Assert.DoesNotContain(header, h => h is "type" or "date" or "location" or "fatalities");
        for (var i = 0; i < rows.Count; i++)
            for (var c = 0; c < header.Length; c++)
                AssertCell(events[i], header[c], rows[i][c]);

        // The data reached the cases worth testing: quoted cells, more than one actor.
        Assert.Contains(rows, r => r.Any(cell => cell.Contains(',')));
        Assert.Contains(events, e => e["actors"]?.AsArray().Count > 1);
    }

    /// <summary>
    /// Text no dataset here holds (quotes, line breaks, commas, letters outside ASCII, an emoji, a
    /// separator JSON escapes), in JSON written with either encoder: the API's, which leaves most
    /// letters as they are, and the default one, which escapes every one of them.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TextThatNeedsEscapingComesBackIntact(bool relaxed)
    {
        const string Tricky = "He said \"no, never\"\r\nthen left: Zaporizhzhia — Запоріжжя 🙂 \u2028 end";
        var e = new EventDto("ev_1", "strike", "drone_strike", "2025-01-02", "2025-01-02", "day", Tricky,
            [new("a1", "Name \"with\" quotes", "armed_forces", "UKR", null, "initiator"), new("a2", "Ünïcode, Ltd", "state", null, "Ünïcode", "target")],
            new LocationDto("p1", "Kyiv \"city\"", "Kyiv", "UA-30", "Ukraine", "UA", 50.45466, 0.00001, "settlement"),
            3, null, new QuantityDto(12, "drones \"Shahed\""), 2,
            [
                new("doc,1", "title", null, "https://example.org/a?b=\"c\"", "2025-01-03", "quote \" text", 0, 5),
                new("doc,1", "title", null, "https://example.org/a?b=\"c\"", "2025-01-03", "other", 9, 5),
                new("doc2", "title", null, null, "2025-01-04", "quote", 0, 5),
            ]);
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
            Encoder = relaxed ? System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping : System.Text.Encodings.Web.JavaScriptEncoder.Default,
        };
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(e, options);
        var rows = new CsvRows(null);
        rows.WriteHeader();
        rows.Write(json);
        var text = System.Text.Encoding.UTF8.GetString(rows.Written.Span);

        var header = text[..text.IndexOf("\r\n", StringComparison.Ordinal)].Split(',');
        using var csv = CsvReader.FromText(text, null);
        csv.ReadHeader();
        Assert.True(csv.Read());
        var node = JsonNode.Parse(json)!;
        foreach (var column in header) AssertCell(node, column, csv.GetString(column) ?? "");
        Assert.Equal(Tricky, csv.GetString("summary"));
        Assert.Equal("Name \"with\" quotes (initiator); Ünïcode, Ltd (target)", csv.GetString("actors"));
        Assert.Equal("doc,1 doc2", csv.GetString("source_ids"));
        Assert.False(csv.Read());
    }

    private static void AssertCell(JsonNode e, string column, string cell)
    {
        var where = $"{e["id"]} {column}";
        if (column == "actors")
        {
            Assert.Equal(string.Join("; ", Actors(e).Select(a => $"{a["name"]} ({a["role"]})")), cell);
            return;
        }
        if (column is "source_ids" or "source_urls")
        {
            var member = column == "source_ids" ? "document_id" : "url";
            var values = e["sources"]!.AsArray().Select(s => (string?)s![member]).OfType<string>().Distinct();
            Assert.Equal(string.Join(" ", values), cell);
            return;
        }
        var value = column switch
        {
            _ when column.StartsWith("actor", StringComparison.Ordinal) => ActorCell(e, column),
            _ when LocationColumns.TryGetValue(column, out var member) => e["location"]?[member],
            "quantity" => e["quantity"]?["value"],
            "quantity_unit" => e["quantity"]?["unit"],
            _ => e.AsObject().ContainsKey(column) ? e[column] : throw new Xunit.Sdk.XunitException($"{where}: a column the JSON does not have"),
        };
        switch (value?.GetValueKind())
        {
            case null:
                Assert.True(cell.Length == 0, $"{where}: {cell} where the JSON has null");
                break;
            case System.Text.Json.JsonValueKind.Number:
                Assert.Equal(value.GetValue<double>(), double.Parse(cell, CultureInfo.InvariantCulture));
                break;
            default:
                Assert.Equal(value.GetValue<string>(), cell);
                break;
        }
    }

    private static List<JsonNode> Actors(JsonNode e) => [.. e["actors"]!.AsArray().Select(a => a!)];

    /// <summary>actorN, actorN_id, actorN_role, actorN_country: the Nth actor's name, id, role, country.</summary>
    private static JsonNode? ActorCell(JsonNode e, string column)
    {
        var parts = column["actor".Length..].Split('_');
        var actors = Actors(e);
        var n = int.Parse(parts[0], CultureInfo.InvariantCulture) - 1;
        return n < actors.Count ? actors[n][parts.Length == 1 ? "name" : parts[1]] : null;
    }
}
