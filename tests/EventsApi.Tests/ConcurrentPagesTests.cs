using System.Net;

namespace EventsApi.Tests;

/// <summary>
/// A page's stored JSON is read into arrays rented from a pool shared by every request and given
/// back when the request ends (RentedBytes): requests at once must each get exactly their own
/// events, byte for byte what the same request gets alone.
/// </summary>
public class ConcurrentPagesTests
{
    [Fact]
    public async Task PagesAskedForAtOnceAreByteForByteThoseAskedForAlone()
    {
        using var api = new ApiFactory().WithSyntheticDataset(3000, seed: 31);
        var client = api.CreateClient();
        var regions = (await client.GetJson("/v1/places?level=admin1&limit=12"))["data"]!.AsArray().Select(p => (string)p!["id"]!).ToList();
        var ids = (await client.GetJson("/v1/events?limit=8&sort=source_count"))["data"]!.AsArray().Select(e => (string)e!["id"]!);
        var urls = regions.Select(r => $"/v1/events?limit=100&region={r}")
            .Concat(["/v1/events?limit=100", "/v1/events?limit=37&type=strike", "/v1/events?limit=100&fields=summary,sources"])
            .Concat(ids.Select(id => $"/v1/events/{id}"))
            .ToList();
        var alone = new Dictionary<string, string>();
        foreach (var url in urls) alone[url] = await Body(client, url);
        Assert.True(alone.Values.Distinct().Count() == urls.Count, "every request has an answer of its own");

        var order = Enumerable.Range(0, 20).SelectMany(_ => urls).OrderBy(_ => Random.Shared.Next()).ToList();
        var together = await Task.WhenAll(order.Select(async url => (Url: url, Body: await Body(client, url))));

        Assert.All(together, r => Assert.True(r.Body == alone[r.Url], $"{r.Url}: the answer differs from the same request's alone"));
    }

    private static async Task<string> Body(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
