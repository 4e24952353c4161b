using System.Buffers;
using System.Text;
using System.Text.Json;
using EventsApi.Core.Storage;

namespace EventsApi.Events;

/// <summary>
/// CSV, NDJSON and GeoJSON pages, written row by row as the query yields them: exporting the
/// whole dataset holds one small batch of rows in memory at a time. NDJSON lines and GeoJSON
/// properties are the events' stored JSON, copied (<see cref="EventJson"/>); CSV rows are flattened
/// from the columns and the parsed actors, location and sources.
/// </summary>
public sealed class EventExport(ExportFormat format, IEnumerable<EventRow> stored, IReadOnlySet<string>? fields, PageMeta meta, PageLinks links) : IResult
{
    /// <summary>Written to the response in batches of about this size: one write per row cost more than the row.</summary>
    private const int Batch = 64 * 1024;

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = ExportFormats.ContentType(format);
        switch (format)
        {
            case ExportFormat.Csv:
                await WriteCsv(http.Response.Body);
                break;
            case ExportFormat.NdJson:
                await WriteNdJson(http);
                break;
            case ExportFormat.GeoJson:
                await WriteGeoJson(http);
                break;
        }
    }

    private async Task WriteCsv(Stream body)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: Batch);
        await writer.WriteAsync(CsvRows.HeaderLine(fields));
        var batch = new StringBuilder(Batch + 16 * 1024);
        foreach (var e in stored.Select(EventDetails.Read))
        {
            CsvRows.Append(batch, e.ToDto(), fields);
            if (batch.Length < Batch) continue;
            await writer.WriteAsync(batch);
            batch.Clear();
        }
        await writer.WriteAsync(batch);
        await writer.FlushAsync();
    }

    /// <summary>One event per line, written into the response's pipe and sent in batches.</summary>
    private async Task WriteNdJson(HttpContext http)
    {
        var body = http.Response.BodyWriter;
        await using var w = new Utf8JsonWriter(body, EventJson.WriterOptions(http));
        long unsent = 0;
        foreach (var row in stored)
        {
            EventJson.Write(w, row, fields);
            w.Flush();
            unsent += w.BytesCommitted + 1;
            // Each line is a document of its own: the writer starts afresh, with no separator.
            w.Reset();
            body.Write("\n"u8);
            if (unsent < Batch) continue;
            await body.FlushAsync(http.RequestAborted);
            unsent = 0;
        }
        await body.FlushAsync(http.RequestAborted);
    }

    /// <summary>An RFC 7946 FeatureCollection of Points ([lon, lat]); events without coordinates are counted, not drawn.</summary>
    private async Task WriteGeoJson(HttpContext http)
    {
        var body = http.Response.BodyWriter;
        await using var w = new Utf8JsonWriter(body, EventJson.WriterOptions(http));
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");
        var without = 0;
        long flushed = 0;
        foreach (var row in stored)
        {
            if (row.Longitude is not { } lon || row.Latitude is not { } lat)
            {
                without++;
                continue;
            }
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteString("id", row.Id);
            w.WriteStartObject("geometry");
            w.WriteString("type", "Point");
            w.WriteStartArray("coordinates");
            w.WriteNumberValue(lon);
            w.WriteNumberValue(lat);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WritePropertyName("properties");
            EventJson.Write(w, row, fields);
            w.WriteEndObject();
            // The writer hands full buffers to the pipe by itself (BytesPending restarts), but only a flush sends them.
            if (w.BytesCommitted + w.BytesPending - flushed < Batch) continue;
            w.Flush();
            flushed = w.BytesCommitted;
            await body.FlushAsync(http.RequestAborted);
        }
        w.WriteEndArray();
        w.WriteStartObject("meta");
        w.WriteNumber("without_coordinates", without);
        w.WriteNumber("limit", meta.Limit);
        w.WriteNumber("total", meta.Total);
        w.WriteString("dataset_version", meta.DatasetVersion);
        w.WriteEndObject();
        w.WriteStartObject("links");
        w.WriteString("self", links.Self);
        w.WriteString("next", links.Next);
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        await body.FlushAsync(http.RequestAborted);
    }
}
