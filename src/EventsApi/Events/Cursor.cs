using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace EventsApi.Events;

/// <summary>
/// Opaque keyset cursors: the last row's sort values and a digest of the query they belong to,
/// signed with HMAC-SHA256 under a key derived from the dataset version. A cursor that was edited,
/// garbled, used with other parameters or with another dataset fails verification (a 400).
/// </summary>
public static class Cursor
{
    public static string Encode(IReadOnlyList<object> values, long total, string queryDigest, string datasetVersion)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new { v = values, t = total, q = queryDigest });
        var signature = Sign(payload, datasetVersion);
        return WebEncoders.Base64UrlEncode(payload) + "." + WebEncoders.Base64UrlEncode(signature);
    }

    /// <summary>The position and the total the first page counted, or null for a cursor that fails verification.</summary>
    public static (IReadOnlyList<object> Values, long Total)? Decode(string cursor, string queryDigest, string datasetVersion)
    {
        try
        {
            var parts = cursor.Split('.');
            if (parts.Length != 2) return null;
            var payload = WebEncoders.Base64UrlDecode(parts[0]);
            var signature = WebEncoders.Base64UrlDecode(parts[1]);
            if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payload, datasetVersion))) return null;
            using var json = JsonDocument.Parse(payload);
            if (json.RootElement.GetProperty("q").GetString() != queryDigest) return null;
            var values = json.RootElement.GetProperty("v").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? (object)e.GetInt64() : e.GetString()!).ToList();
            return (values, json.RootElement.GetProperty("t").GetInt64());
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// A digest of the parameters that decide which events come in which order: the filters and the
    /// sort. Page size, sparse fields and format may change from page to page.
    /// </summary>
    public static string QueryDigest(IQueryCollection query)
    {
        var canonical = string.Join('&', query
            .Where(p => p.Key is not ("cursor" or "format" or "limit" or "fields"))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .SelectMany(p => p.Value.Select(v => $"{p.Key}={v}")));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
    }

    private static byte[] Sign(byte[] payload, string datasetVersion) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes("events-api-cursor:" + datasetVersion), payload);
}
