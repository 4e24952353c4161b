using System.Buffers;
using System.Text;
using System.Text.Json;
using EventsApi.Core;
using EventsApi.Core.Storage;

namespace EventsApi.Events;

/// <summary>
/// CSV, NDJSON and GeoJSON pages, written row by row as the query yields them: exporting the
/// whole dataset holds one small batch of rows in memory at a time. NDJSON lines and GeoJSON
/// properties are the events' stored JSON, copied (<see cref="EventJson"/>); CSV rows are flattened
/// from it (<see cref="CsvRows"/>).
/// </summary>
public sealed class EventExport(ExportFormat format, IEnumerable<EventRow> stored, IReadOnlySet<string>? fields, PageMeta meta, PageLinks links) : IResult
{
    /// <summary>Written to the response in batches of about this size: one write per row cost more than the row.</summary>
    private const int Batch = 64 * 1024;

    /// <summary>Rows are read in batches of this many on another thread (<see cref="ReadAhead"/>), a few hundred KB.</summary>
    private const int RowsAhead = 128;

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = ExportFormats.ContentType(format);
        switch (format)
        {
            case ExportFormat.Csv:
                await WriteCsv(http);
                break;
            case ExportFormat.NdJson:
                await WriteNdJson(http);
                break;
            case ExportFormat.GeoJson:
                await WriteGeoJson(http);
                break;
        }
    }

    /// <summary>One record per event, flattened from its stored JSON, gathered in batches and sent.</summary>
    private async Task WriteCsv(HttpContext http)
    {
        // Gathered apart, not in the response's pipe: each of Kestrel's buffer requests takes a lock,
        // and a row is written in some fifty pieces.
        var csv = new CsvRows(fields);
        csv.WriteHeader();
        await foreach (var rows in ReadAhead.Batches(stored, RowsAhead, http.RequestAborted))
        foreach (var row in rows)
        {
            csv.Write(row.Details);
            if (csv.Written.Length < Batch) continue;
            await http.Response.BodyWriter.WriteAsync(csv.Written, http.RequestAborted);
            csv.Clear();
        }
        await http.Response.BodyWriter.WriteAsync(csv.Written, http.RequestAborted);
    }

    /// <summary>One event per line, written into the response's pipe and sent in batches.</summary>
    private async Task WriteNdJson(HttpContext http)
    {
        var body = http.Response.BodyWriter;
        await using var w = new Utf8JsonWriter(body, EventJson.WriterOptions(http));
        long unsent = 0;
        await foreach (var rows in ReadAhead.Batches(stored, RowsAhead, http.RequestAborted))
        foreach (var row in rows)
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
        await foreach (var rows in ReadAhead.Batches(stored, RowsAhead, http.RequestAborted))
        foreach (var row in rows)
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
