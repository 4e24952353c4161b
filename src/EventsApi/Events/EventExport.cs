using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventsApi.Core.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventsApi.Events;

/// <summary>
/// CSV, NDJSON and GeoJSON pages, written row by row as the query yields them: exporting the
/// whole dataset holds one small batch of rows in memory at a time.
/// </summary>
public sealed class EventExport(ExportFormat format, IEnumerable<EventRow> stored, IReadOnlySet<string>? fields, PageMeta meta, PageLinks links) : IResult
{
    private readonly IEnumerable<StoredEvent> rows = stored.Select(EventDetails.Read);

    public async Task ExecuteAsync(HttpContext http)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        http.Response.ContentType = ExportFormats.ContentType(format);
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), bufferSize: 64 * 1024);
        switch (format)
        {
            case ExportFormat.Csv:
                await writer.WriteAsync(CsvRows.HeaderLine(fields));
                // Rows go out in batches of about 64 KB: one asynchronous write per row cost more than the row.
                var batch = new StringBuilder(80 * 1024);
                foreach (var e in rows)
                {
                    CsvRows.Append(batch, e.ToDto(), fields);
                    if (batch.Length < 64 * 1024) continue;
                    await writer.WriteAsync(batch);
                    batch.Clear();
                }
                await writer.WriteAsync(batch);
                break;
            case ExportFormat.NdJson:
                foreach (var e in rows)
                {
                    await writer.WriteAsync(Sparse.Serialize(e.ToDto(), fields, json));
                    await writer.WriteAsync('\n');
                }
                break;
            case ExportFormat.GeoJson:
                await WriteGeoJson(writer, json);
                break;
        }
        await writer.FlushAsync();
    }

    /// <summary>An RFC 7946 FeatureCollection of Points ([lon, lat]); events without coordinates are counted, not drawn.</summary>
    private async Task WriteGeoJson(StreamWriter writer, JsonSerializerOptions json)
    {
        await writer.WriteAsync("{\"type\":\"FeatureCollection\",\"features\":[");
        var first = true;
        var without = 0;
        foreach (var e in rows)
        {
            var dto = e.ToDto();
            if (dto.Location?.Longitude is not { } lon || dto.Location.Latitude is not { } lat)
            {
                without++;
                continue;
            }
            var properties = JsonSerializer.SerializeToNode(dto, json)!.AsObject();
            if (fields is not null) foreach (var key in properties.Select(p => p.Key).ToList().Where(k => !fields.Contains(k))) properties.Remove(key);
            var feature = new JsonObject
            {
                ["type"] = "Feature",
                ["id"] = dto.Id,
                ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat) },
                ["properties"] = properties,
            };
            if (!first) await writer.WriteAsync(',');
            first = false;
            await writer.WriteAsync(feature.ToJsonString(json));
        }
        var tail = new JsonObject
        {
            ["without_coordinates"] = without,
            ["limit"] = meta.Limit,
            ["total"] = meta.Total,
            ["dataset_version"] = meta.DatasetVersion,
        };
        var linksNode = new JsonObject { ["self"] = links.Self, ["next"] = links.Next };
        await writer.WriteAsync($"],\"meta\":{tail.ToJsonString(json)},\"links\":{linksNode.ToJsonString(json)}}}");
    }
}

/// <summary>`fields`: only the requested top-level members of an event (id always).</summary>
public static class Sparse
{
    public static string Serialize(EventDto dto, IReadOnlySet<string>? fields, JsonSerializerOptions json)
    {
        if (fields is null) return JsonSerializer.Serialize(dto, json);
        return Select(dto, fields, json).ToJsonString(json);
    }

    public static JsonObject Select(EventDto dto, IReadOnlySet<string> fields, JsonSerializerOptions json)
    {
        var node = JsonSerializer.SerializeToNode(dto, json)!.AsObject();
        foreach (var key in node.Select(p => p.Key).ToList().Where(k => !fields.Contains(k))) node.Remove(key);
        return node;
    }
}
