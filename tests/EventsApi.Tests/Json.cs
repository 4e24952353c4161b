using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EventsApi.Tests;

internal static class Json
{
    public static async Task<JsonNode> ReadJson(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonNode>())!;

    public static async Task<JsonNode> GetJson(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJson();
    }

    public static List<JsonNode> Data(this JsonNode page) => page["data"]!.AsArray().Select(n => n!).ToList();
}
