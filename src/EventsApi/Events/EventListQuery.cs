using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace EventsApi.Events;

/// <summary>
/// The filters of /v1/events and of the timeline, bound as text so that every malformed value is
/// reported by name in one 400 problem instead of failing binding. Repeated parameters mean OR.
/// </summary>
public class EventFilterQuery
{
    [FromQuery(Name = "from"), Description("Inclusive start date (ISO 8601, e.g. 2025-06-01). An event matches when its interval [date, date_end] overlaps [from, to].")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("Inclusive end date (ISO 8601, e.g. 2025-07-31).")]
    public string? To { get; init; }

    [FromQuery(Name = "date_mode"), Description("overlap (default): the event's interval overlaps [from, to]; within: it lies wholly inside.")]
    public string? DateMode { get; init; }

    [FromQuery(Name = "region"), Description("A place id or name at any level (settlement, region, country, world region such as Eastern Europe); matches events in it or inside it; a name shared by places of different levels means the largest. Repeat for OR.")]
    public string[]? Region { get; init; }

    [FromQuery(Name = "country"), Description("ISO 3166-1 alpha-3 code or country name (UKR, Russia). Repeat for OR.")]
    public string[]? Country { get; init; }

    [FromQuery(Name = "actor"), Description("An actor id, name or alias; matches events where it or any actor under it takes part (actor=Russia finds the Kremlin spokesman's statements). Repeat for OR.")]
    public string[]? Actor { get; init; }

    [FromQuery(Name = "role"), Description("With actor: only where the actor has this role: initiator, target, participant, claimant, speaker, addressee. Repeat for OR.")]
    public string[]? Role { get; init; }

    [FromQuery(Name = "type"), Description("Event type: strike, battle, talks, prisoner_exchange, territorial_claim, statement. Repeat for OR.")]
    public string[]? Type { get; init; }

    [FromQuery(Name = "subtype"), Description("Event sub-type, e.g. drone_strike, phone_call, annexation (see /v1/event-types). Repeat for OR.")]
    public string[]? Subtype { get; init; }

    [FromQuery(Name = "min_fatalities"), Description("Only events with at least this many reported fatalities (0 or more).")]
    public string? MinFatalities { get; init; }

    [FromQuery(Name = "precision"), Description("Only events dated at this precision or finer: day, week, month, year.")]
    public string? Precision { get; init; }

    [FromQuery(Name = "geo_precision"), Description("Only events located at this precision or finer: point, city, admin1, country.")]
    public string? GeoPrecision { get; init; }

    [FromQuery(Name = "min_sources"), Description("Only events reported by at least this many documents (1 or more).")]
    public string? MinSources { get; init; }

    [FromQuery(Name = "source"), Description("A document id: only events coded from it. Repeat for OR.")]
    public string[]? Source { get; init; }

    [FromQuery(Name = "q"), Description("Full-text search in summaries and quotes; all words must occur; a trailing `*` matches a prefix (`drone*`).")]
    public string? Q { get; init; }

    [FromQuery(Name = "bbox"), Description("min_lon,min_lat,max_lon,max_lat (GeoJSON order): events with coordinates inside, e.g. 22,44,41,53.")]
    public string? Bbox { get; init; }

    [FromQuery(Name = "format"), Description("json (default), csv, geojson or ndjson; also chosen by the Accept header.")]
    public string? Format { get; init; }

    /// <summary>Every parameter name of a query class; any other is a 400.</summary>
    protected static IReadOnlySet<string> NamesOf(Type query) => query.GetProperties()
        .Select(p => p.GetCustomAttributes(typeof(FromQueryAttribute), false).Cast<FromQueryAttribute>().SingleOrDefault()?.Name)
        .OfType<string>()
        .ToHashSet(StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> Names = NamesOf(typeof(EventFilterQuery));
}

/// <summary>The parameters of /v1/events: the filters, and how the page is cut, ordered and shaped.</summary>
public sealed class EventListQuery : EventFilterQuery
{
    [FromQuery(Name = "sort"), Description("Comma list of date, fatalities, source_count, each with - for descending; default -date; id always breaks ties.")]
    public string? Sort { get; init; }

    [FromQuery(Name = "fields"), Description("Comma list of top-level event fields to return (id is always included), e.g. id,date,type,location.")]
    public string? Fields { get; init; }

    [FromQuery(Name = "limit"), Description("Page size, 1 to 1000; default 50.")]
    public string? Limit { get; init; }

    [FromQuery(Name = "cursor"), Description("Opaque keyset cursor from the previous page's links.next; only valid with the same other parameters.")]
    public string? Cursor { get; init; }

    public static new readonly IReadOnlySet<string> Names = NamesOf(typeof(EventListQuery));
}
