using System.Globalization;
using System.Text;

namespace EventsApi.Events;

/// <summary>
/// RFC 4180 CSV of events, one row per event with flattened columns (actor1, actor1_country, ...,
/// admin1, country_code, latitude, longitude, source_count, source_urls), as pandas and R read it.
/// Each column belongs to an event field, so `fields` selects columns too.
/// </summary>
public static class CsvRows
{
    private const int ActorColumns = 3;

    private sealed record Column(string Name, string Field, Func<EventDto, object?> Value);

    private static readonly Column[] Columns = BuildColumns();

    private static Column[] BuildColumns()
    {
        var columns = new List<Column>
        {
            new("id", "id", e => e.Id),
            new("type", "type", e => e.Type),
            new("subtype", "subtype", e => e.Subtype),
            new("date", "date", e => e.Date),
            new("date_end", "date_end", e => e.DateEnd),
            new("date_precision", "date_precision", e => e.DatePrecision),
            new("summary", "summary", e => e.Summary),
        };
        for (var i = 0; i < ActorColumns; i++)
        {
            var n = i;
            columns.Add(new($"actor{n + 1}", "actors", e => e.Actors.ElementAtOrDefault(n)?.Name));
            columns.Add(new($"actor{n + 1}_id", "actors", e => e.Actors.ElementAtOrDefault(n)?.Id));
            columns.Add(new($"actor{n + 1}_role", "actors", e => e.Actors.ElementAtOrDefault(n)?.Role));
            columns.Add(new($"actor{n + 1}_country", "actors", e => e.Actors.ElementAtOrDefault(n)?.Country));
        }
        columns.AddRange(
        [
            new("actors", "actors", e => string.Join("; ", e.Actors.Select(a => $"{a.Name} ({a.Role})"))),
            new("location_id", "location", e => e.Location?.Id),
            new("location", "location", e => e.Location?.Name),
            new("admin1", "location", e => e.Location?.Admin1),
            new("admin1_code", "location", e => e.Location?.Admin1Code),
            new("country", "location", e => e.Location?.Country),
            new("country_code", "location", e => e.Location?.CountryCode),
            new("latitude", "location", e => e.Location?.Latitude),
            new("longitude", "location", e => e.Location?.Longitude),
            new("geo_precision", "location", e => e.Location?.Precision),
            new("fatalities", "fatalities", e => e.Fatalities),
            new("injured", "injured", e => e.Injured),
            new("quantity", "quantity", e => e.Quantity?.Value),
            new("quantity_unit", "quantity", e => e.Quantity?.Unit),
            new("source_count", "source_count", e => e.SourceCount),
            new("source_ids", "sources", e => string.Join(" ", e.Sources.Select(s => s.DocumentId).Distinct())),
            new("source_urls", "sources", e => string.Join(" ", e.Sources.Select(s => s.Url).OfType<string>().Distinct())),
        ]);
        return [.. columns];
    }


    public static string HeaderLine(IReadOnlySet<string>? fields) => string.Join(',', Selected(fields).Select(c => Quote(c.Name))) + "\r\n";

    /// <summary>One record, appended to <paramref name="lines"/> (written out in batches: Kestrel allows no synchronous writes).</summary>
    public static void Append(StringBuilder lines, EventDto e, IReadOnlySet<string>? fields)
    {
        var first = true;
        foreach (var column in Selected(fields))
        {
            if (!first) lines.Append(',');
            first = false;
            lines.Append(Quote(Format(column.Value(e))));
        }
        lines.Append("\r\n");
    }

    private static IEnumerable<Column> Selected(IReadOnlySet<string>? fields) => fields is null ? Columns : Columns.Where(c => fields.Contains(c.Field));

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Quoted only where RFC 4180 requires it: a comma, a quote or a line break.</summary>
    public static string Quote(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) return value;
        return string.Concat("\"", value.Replace("\"", "\"\"", StringComparison.Ordinal), "\"");
    }
}
