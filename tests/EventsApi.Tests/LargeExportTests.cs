using System.Net;

namespace EventsApi.Tests;

/// <summary>Exports far larger than any buffer stream through the real pipeline in every format.</summary>
public class LargeExportTests
{
    [Fact]
    public async Task ExportingThousandsOfEventsStreamsEveryRowInEveryFormat()
    {
        using var api = new ApiFactory().WithSyntheticDataset(3000, seed: 5);
        var client = api.CreateClient();

        var csv = await client.GetAsync("/v1/events?format=csv&limit=5000");
        var ndjson = await client.GetAsync("/v1/events?format=ndjson&limit=5000");
        var geojson = await client.GetAsync("/v1/events?format=geojson&limit=5000");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var csvText = await csv.Content.ReadAsStringAsync();
        Assert.True(csvText.Length > 1_000_000, $"only {csvText.Length} characters");
        Assert.Equal(3001, csvText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - csvText.Split("\r\n").Count(l => l.StartsWith(' ')));
        Assert.Equal(3000, (await ndjson.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var collection = System.Text.Json.Nodes.JsonNode.Parse(await geojson.Content.ReadAsStringAsync())!;
        Assert.Equal(3000, collection["features"]!.AsArray().Count + (int)collection["meta"]!["without_coordinates"]!);
    }
}
