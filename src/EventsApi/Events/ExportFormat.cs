namespace EventsApi.Events;

/// <summary>The formats of /v1/events: by the format parameter, else by the Accept header, else JSON.</summary>
public enum ExportFormat { Json, Csv, GeoJson, NdJson }

public static class ExportFormats
{
    public static ExportFormat Choose(string? format, HttpRequest request)
    {
        if (format is not null) return Parse(format);
        var accept = request.Headers.Accept.ToString();
        if (accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase)) return ExportFormat.Csv;
        if (accept.Contains("application/geo+json", StringComparison.OrdinalIgnoreCase)) return ExportFormat.GeoJson;
        if (accept.Contains("application/x-ndjson", StringComparison.OrdinalIgnoreCase)
            || accept.Contains("application/jsonl", StringComparison.OrdinalIgnoreCase)) return ExportFormat.NdJson;
        return ExportFormat.Json;
    }

    public static ExportFormat Parse(string format) => format switch
    {
        "csv" => ExportFormat.Csv,
        "geojson" => ExportFormat.GeoJson,
        "ndjson" => ExportFormat.NdJson,
        _ => ExportFormat.Json,
    };

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.GeoJson => "application/geo+json",
        ExportFormat.NdJson => "application/x-ndjson",
        _ => "application/json; charset=utf-8",
    };
}
