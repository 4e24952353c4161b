using System.Text.Json.Nodes;

namespace EventsApi.Tests;

/// <summary>
/// JSON pages and single events are written straight from the stored rows (EventJson); NDJSON
/// exports still go through the DTOs and the serializer. The serializer's version of the same
/// events must be identical, member order included, with and without sparse fieldsets.
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
        foreach (var fields in new[] { "", "&fields=" + SomeFields })
        {
            var direct = (await client.GetJson("/v1/events?limit=1000" + fields)).Data();
            var serialized = (await client.GetStringAsync("/v1/events?format=ndjson&limit=1000" + fields))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();

            Assert.NotEmpty(direct);
            Assert.Equal(serialized.Count, direct.Count);
            for (var i = 0; i < direct.Count; i++) Assert.Equal(serialized[i].ToJsonString(), direct[i].ToJsonString());
            Assert.Contains(direct, e => e["location"]?["latitude"] is not null);
        }

        // One event by id is the same object as in the list, for a sample across the page.
        var page = (await client.GetJson("/v1/events?limit=1000")).Data();
        foreach (var e in page.Where((_, i) => i % 97 == 0))
        {
            var one = await client.GetJson($"/v1/events/{e["id"]}");
            Assert.True(JsonNode.DeepEquals(e, one), $"{e["id"]}: {one.ToJsonString()}");
        }
    }
}
