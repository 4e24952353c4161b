using System.Diagnostics;
using System.Net;

namespace EventsApi.Tests;

/// <summary>
/// Seeded, repeatable request fuzzing: thousands of hostile query strings and paths against every
/// endpoint. No request may get a 5xx; every 4xx is a problem; every answer comes quickly.
/// </summary>
public class FuzzTests
{
    private const int Seed = 20261122;
    private const int Requests = 3000;

    private static readonly string[] Paths =
    [
        "/v1/events", "/v1/events/timeline", "/v1/event-types", "/v1/actors", "/v1/places", "/v1/sources", "/v1/dataset", "/health",
        "/v1/events/{id}", "/v1/actors/{id}", "/v1/places/{id}", "/v1/sources/{id}", "/v1/nothing", "/v2/events", "/swagger/../v1/events",
    ];

    private static readonly string[] Names =
    [
        "from", "to", "date_mode", "region", "country", "actor", "role", "type", "subtype", "min_fatalities", "precision", "geo_precision",
        "min_sources", "source", "q", "bbox", "sort", "fields", "limit", "cursor", "format", "interval", "group_by", "offset", "level",
        "id", "x", "FROM", "limit[]", "%00", "",
    ];

    private static readonly string[] Payloads =
    [
        "' OR 1=1 --", "1; DROP TABLE events; --", "\" OR \"\"=\"", "') UNION SELECT sql FROM sqlite_master --", "events e; --",
        "NEAR(a b", "\"unterminated", "a OR", "*", "^drone", "summary:drone", "AND AND", "drone NOT", "(((", "\"\"", "a\"b", "'",
        "%00", "%C3%28", "%FF%FE", "%E2%82", "%", "%%", "+", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "\\\\server\\share",
        "99999999999999999999", "-1", "-2147483648", "2147483648", "0", "1e9", "NaN", "Infinity", "-Infinity", "1.5", "0x10",
        "2025-02-30", "2025-13-01", "0000-01-01", "9999-12-31", "2025-07-01T00:00:00Z", "yesterday", "", " ", "null", "[]", "{}",
        "-date,-date", "date,fatalities,source_count,id", "-id", "id,id", ",,,", "ev_000000000000", "ev_b151a24e4a2c",
        "181,91,-181,-91", "1,2,3", "NaN,NaN,NaN,NaN", "-180,-90,180,90", "json", "csv", "geojson", "ndjson", "xml",
        "Luhansk", "Russia", "Eastern Europe", "UA-09", "Kharkov", "actor", "speaker", "strike", "drone_strike", "week", "type",
        "eyJ2IjpbIjIwMjUtMDctMDEiXX0.AAAA", "eyJ2IjpbXSwicSI6IiJ9.garbage", "abc.def.ghi", "....",
    ];

    private static readonly string[] AcceptHeaders =
    [
        "*/*", "text/csv", "application/geo+json", "application/x-ndjson", "application/xml", "text/html;q=0.9, */*;q=0.1", ";;;", "\u00e9",
    ];

    [Fact]
    public async Task HostileRequestsNeverGetAServerErrorAndEveryErrorIsAProblem()
    {
        using var api = new ApiFactory();
        api.Settings["RateLimit:Enabled"] = "false";
        var client = api.CreateClient();
        var random = new Random(Seed);
        var cursor = (string)(await client.GetJson("/v1/events?limit=1"))["links"]!["next"]!;
        var failures = new List<string>();
        var slowest = TimeSpan.Zero;

        for (var n = 0; n < Requests; n++)
        {
            var url = Url(random, cursor);
            var request = new HttpRequestMessage(random.Next(20) == 0 ? HttpMethod.Post : HttpMethod.Get, url);
            if (random.Next(4) == 0) request.Headers.TryAddWithoutValidation("Accept", AcceptHeaders[random.Next(AcceptHeaders.Length)]);
            if (random.Next(10) == 0) request.Headers.TryAddWithoutValidation("If-None-Match", Payloads[random.Next(Payloads.Length)]);
            var clock = Stopwatch.StartNew();
            var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            var status = (int)response.StatusCode;
            var shown = url.Length > 200 ? url[..200] + "…" : url;
            if (status >= 500) failures.Add($"{status} {shown}: {body[..Math.Min(600, body.Length)]}");
            else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{status} without a problem body: {shown}");
            // Echoing the client's own bad value is fine; our stack frames, SQL and exception types are not.
            else if (status >= 400 && (body.Contains("   at EventsApi") || body.Contains("FROM events e") || body.Contains("SqliteException") || body.Contains("Microsoft.Data")))
                failures.Add($"{status} leaks internals: {shown}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(slowest < TimeSpan.FromSeconds(5), $"slowest request took {slowest}");
    }

    private static string Url(Random random, string cursor)
    {
        var path = Paths[random.Next(Paths.Length)].Replace("{id}", Uri.EscapeDataString(Payloads[random.Next(Payloads.Length)]));
        var parameters = new List<string>();
        for (var i = random.Next(0, 6); i > 0; i--)
        {
            var name = Names[random.Next(Names.Length)];
            var value = random.Next(30) switch
            {
                0 => new string('x', 100_000),
                1 => cursor[(cursor.IndexOf("cursor=", StringComparison.Ordinal) + 7)..],
                2 => Garble(random, cursor[(cursor.IndexOf("cursor=", StringComparison.Ordinal) + 7)..]),
                _ => Payloads[random.Next(Payloads.Length)],
            };
            // Some values go in raw (invalid percent-encoding included), most escaped.
            var encoded = random.Next(5) == 0 ? value.Replace(" ", "+").Replace("&", "%26").Replace("#", "%23") : Uri.EscapeDataString(value);
            parameters.Add($"{name}={encoded}");
            if (random.Next(8) == 0) parameters.Add($"{name}={encoded}");
        }
        return parameters.Count == 0 ? path : path + "?" + string.Join('&', parameters);
    }

    private static string Garble(Random random, string text)
    {
        var chars = text.ToCharArray();
        chars[random.Next(chars.Length)] = "AZaz09-_."[random.Next(9)];
        return new string(chars);
    }

    [Fact]
    public async Task UnknownRoutesAndMethodsAreProblemsToo()
    {
        using var api = new ApiFactory();
        var client = api.CreateClient();

        var missing = await client.GetAsync("/v1/nothing");
        var post = await client.PostAsync("/v1/events", new StringContent("{}"));
        var longQuery = await client.GetAsync("/v1/events?q=" + new string('a', 5000));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, longQuery.StatusCode);
        foreach (var response in new[] { missing, post, longQuery })
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
