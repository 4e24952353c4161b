using System.Text.Json.Nodes;

namespace EventsApi.Tests;

/// <summary>
/// JSON pages and single events are written straight from the stored rows (EventJson); sparse
/// pages (`fields`) still go through the DTOs and the serializer. Asking for every field gives the
/// serializer's version of the same events, which must be identical, member order included.
/// </summary>
public class EventJsonTests
{
    private const string AllFields = "id,type,subtype,date,date_end,date_precision,summary,actors,location,fatalities,injured,quantity,source_count,sources";

    [Fact]
    public Task TheTestArticlesEventsAreWrittenAsTheSerializerWritesThem() => AssertSameAsSerializer(new ApiFactory());

    [Fact]
    public Task SyntheticEventsAreWrittenAsTheSerializerWritesThem() => AssertSameAsSerializer(new ApiFactory().WithSyntheticDataset(1500, seed: 17));

    private static async Task AssertSameAsSerializer(ApiFactory factory)
    {
        using var api = factory;
        var client = api.CreateClient();
        var direct = (await client.GetJson("/v1/events?limit=1000")).Data();
        var serialized = (await client.GetJson($"/v1/events?limit=1000&fields={AllFields}")).Data();

        Assert.NotEmpty(direct);
        Assert.Equal(serialized.Count, direct.Count);
        for (var i = 0; i < direct.Count; i++) Assert.Equal(serialized[i].ToJsonString(), direct[i].ToJsonString());
        Assert.Contains(direct, e => e["location"]?["latitude"] is not null);

        // One event by id is the same object as in the list, for a sample across the page.
        foreach (var e in direct.Where((_, i) => i % 97 == 0))
        {
            var one = await client.GetJson($"/v1/events/{e["id"]}");
            Assert.True(JsonNode.DeepEquals(e, one), $"{e["id"]}: {one.ToJsonString()}");
        }
    }
}
