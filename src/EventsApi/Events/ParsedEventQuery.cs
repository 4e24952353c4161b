using System.Globalization;
using EventsApi.Core.Domain;
using EventsApi.Core.Storage;
using NodaTime.Text;

namespace EventsApi.Events;

/// <summary>A validated /v1/events request.</summary>
public sealed record ParsedEventQuery(EventFilter Filter, EventSort Sort, int Limit, string? Cursor, IReadOnlySet<string>? Fields, ExportFormat Format);

/// <summary>
/// Validates the query string of /v1/events (and the timeline, which shares its filters). Every
/// problem is collected under its parameter's name, so one 400 lists all of them.
/// </summary>
public static class EventQueryParser
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;
    private const int MaxValueLength = 500;

    public static readonly IReadOnlySet<string> EventFields = new HashSet<string>(EventDetails.MemberNames, StringComparer.Ordinal);

    /// <summary>
    /// Validates the request's query. JSON pages hold at most <see cref="MaxLimit"/> events; the
    /// streamed formats (CSV, NDJSON, GeoJSON) up to <paramref name="exportLimit"/>.
    /// </summary>
    public static (ParsedEventQuery? Query, Dictionary<string, string[]> Errors) Parse(HttpRequest request, IReadOnlySet<string> allowed, int exportLimit = MaxLimit)
    {
        var query = request.Query;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Error(string name, string message)
        {
            if (!errors.TryGetValue(name, out var list)) errors[name] = list = [];
            list.Add(message);
        }

        foreach (var key in query.Keys)
        {
            if (!allowed.Contains(key)) Error(key, $"'{Shorten(key)}' is not a parameter of this endpoint; allowed: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
            foreach (var value in query[key])
            {
                if (value is not null && value.Length > MaxValueLength) Error(key, $"is longer than {MaxValueLength} characters");
            }
        }
        string? Single(string name)
        {
            var values = query[name];
            if (values.Count > 1) Error(name, "is given more than once; it takes a single value");
            return values.Count == 0 ? null : values[0];
        }
        IReadOnlyList<string> Many(string name) => query[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct().ToList();

        var from = Date("from", Single("from"), Error);
        var to = Date("to", Single("to"), Error);
        if (from is not null && to is not null && from > to) Error("from", $"{LocalDatePattern.Iso.Format(from.Value)} is after to={LocalDatePattern.Iso.Format(to.Value)}");

        var dateMode = Single("date_mode");
        if (dateMode is not null && dateMode is not ("overlap" or "within")) Error("date_mode", $"'{Shorten(dateMode)}' is not one of: overlap, within");

        var roles = new List<ActorRole>();
        foreach (var role in Many("role"))
        {
            if (WireNames.TryParseWire<ActorRole>(role, out var parsed)) roles.Add(parsed);
            else Error("role", $"'{Shorten(role)}' is not one of: {string.Join(", ", WireNames.AllWire<ActorRole>())}");
        }
        if (roles.Count > 0 && query["actor"].Count == 0) Error("role", "needs an actor parameter");

        var types = Many("type");
        foreach (var t in types.Where(t => !Taxonomy.TypeNames.Contains(t))) Error("type", $"'{Shorten(t)}' is not one of: {string.Join(", ", Taxonomy.TypeNames)}");
        var subtypes = Many("subtype");
        foreach (var s in subtypes.Where(s => !Taxonomy.SubtypeNames.Contains(s))) Error("subtype", $"'{Shorten(s)}' is not a sub-type; see /v1/event-types");

        var minFatalities = Integer("min_fatalities", Single("min_fatalities"), 0, int.MaxValue, Error);
        var minSources = Integer("min_sources", Single("min_sources"), 1, int.MaxValue, Error);
        var precision = Enum<DatePrecision>("precision", Single("precision"), Error);
        var geoPrecision = Enum<GeoPrecision>("geo_precision", Single("geo_precision"), Error);

        var q = Single("q");
        if (q is not null && !FullText.HasTerms(q)) Error("q", "has no letters or digits to search for");

        var bbox = Bbox(Single("bbox"), Error);
        var sort = Sort(Single("sort"), Error);
        var fields = Fields(Single("fields"), Error);
        var format = Single("format");
        if (format is not null && format is not ("json" or "csv" or "geojson" or "ndjson")) Error("format", $"'{Shorten(format)}' is not one of: json, csv, geojson, ndjson");
        var chosen = ExportFormats.Choose(format is "json" or "csv" or "geojson" or "ndjson" ? format : null, request);
        var limit = Integer("limit", Single("limit"), 1, chosen == ExportFormat.Json ? MaxLimit : exportLimit, Error) ?? DefaultLimit;
        var cursor = Single("cursor");

        if (errors.Count > 0) return (null, Finish(errors));
        var filter = new EventFilter
        {
            From = from,
            To = to,
            Within = dateMode == "within",
            Regions = Many("region"),
            Countries = Many("country"),
            Actors = Many("actor"),
            Roles = roles,
            Types = types,
            Subtypes = subtypes,
            Sources = Many("source"),
            MinFatalities = minFatalities,
            MinSources = minSources,
            Precision = precision,
            GeoPrecision = geoPrecision,
            Query = q,
            Bbox = bbox,
        };
        return (new ParsedEventQuery(filter, sort, limit, cursor, fields, chosen), []);
    }

    private static Dictionary<string, string[]> Finish(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    private static NodaTime.LocalDate? Date(string name, string? text, Action<string, string> error)
    {
        if (text is null) return null;
        var result = LocalDatePattern.Iso.Parse(text);
        if (result.Success) return result.Value;
        error(name, $"'{Shorten(text)}' is not an ISO date (yyyy-MM-dd)");
        return null;
    }

    private static int? Integer(string name, string? text, int min, int max, Action<string, string> error)
    {
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        error(name, $"'{Shorten(text)}' is not a whole number from {min} to {max}");
        return null;
    }

    private static T? Enum<T>(string name, string? text, Action<string, string> error) where T : struct, System.Enum
    {
        if (text is null) return null;
        if (WireNames.TryParseWire<T>(text, out var value)) return value;
        error(name, $"'{Shorten(text)}' is not one of: {string.Join(", ", WireNames.AllWire<T>())}");
        return null;
    }

    private static (double, double, double, double)? Bbox(string? text, Action<string, string> error)
    {
        if (text is null) return null;
        var parts = text.Split(',');
        var numbers = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : (double?)null).ToList();
        if (parts.Length != 4 || numbers.Any(n => n is null))
        {
            error("bbox", $"'{Shorten(text)}' is not four numbers min_lon,min_lat,max_lon,max_lat");
            return null;
        }
        var (minLon, minLat, maxLon, maxLat) = (numbers[0]!.Value, numbers[1]!.Value, numbers[2]!.Value, numbers[3]!.Value);
        if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90 || minLon > maxLon || minLat > maxLat)
        {
            error("bbox", "is out of range: longitudes -180..180, latitudes -90..90, minimum before maximum");
            return null;
        }
        return (minLon, minLat, maxLon, maxLat);
    }

    private static EventSort Sort(string? text, Action<string, string> error)
    {
        if (text is null) return EventSort.Default;
        var keys = new List<(string, bool)>();
        foreach (var part in text.Split(','))
        {
            var descending = part.StartsWith('-');
            var key = descending ? part[1..] : part;
            if (key is not ("date" or "fatalities" or "source_count" or "id")) error("sort", $"'{Shorten(part)}' is not one of: date, fatalities, source_count, id (with - for descending)");
            else if (keys.Any(k => k.Item1 == key)) error("sort", $"'{key}' is given twice");
            else keys.Add((key, descending));
        }
        return keys.Count == 0 ? EventSort.Default : new EventSort(keys);
    }

    private static IReadOnlySet<string>? Fields(string? text, Action<string, string> error)
    {
        if (text is null) return null;
        var fields = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        foreach (var f in fields.Where(f => !EventFields.Contains(f))) error("fields", $"'{Shorten(f)}' is not an event field; fields: {string.Join(", ", EventFields)}");
        fields.Add("id");
        return fields;
    }

    internal static string Shorten(string value)
    {
        var clean = new string(value.Take(60).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return value.Length > 60 ? clean + "…" : clean;
    }
}
