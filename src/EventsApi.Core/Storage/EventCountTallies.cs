using System.Runtime.InteropServices;
using EventsApi.Core.Domain;
using NodaTime;

namespace EventsApi.Core.Storage;

/// <summary>
/// The event counts the writer tallies as it passes each event, rather than grouping the written events:
/// the rows of event_counts (events per scope and per start and end date), of day_type_counts (events
/// and fatalities per start date and sub-type), each place's and document's event count, and the
/// longest event's span. Migration 0004 read every event twice for event_counts (by type and sub-type,
/// and joined to the places above it), 2.8 s of SQL at 1M events, and 0003 took 2.2 s for the others;
/// tallied here, they cost a few dictionary updates per event. The scopes are those 0001 describes, and
/// the tests still count all of these in SQL.
/// </summary>
internal sealed class EventCountTallies(Func<Place, IEnumerable<Place>> chainOf)
{
    private readonly Dictionary<(string Scope, string Date, string DateEnd), long> counts = new();
    private readonly Dictionary<(string Date, string Type, string Subtype), (long Events, long Fatalities)> days = new();
    private readonly Dictionary<string, long> places = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> documents = new(StringComparer.Ordinal);
    // Scope names made once: "type:strike" for every strike would be a string an event.
    private readonly Dictionary<string, string> typeScopes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> subtypeScopes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string[] Chain, string[] Scopes)> placesAbove = new(StringComparer.Ordinal);

    public void Add(CodedEvent e)
    {
        var (date, end) = (e.Date.StartIso, e.Date.EndIso);
        Count("*", date, end);
        Count(Scope(typeScopes, "type:", e.Type), date, end);
        Count(Scope(subtypeScopes, "subtype:", e.Subtype), date, end);
        if (e.Place is { } place)
        {
            var (chain, scopes) = Above(place.Place);
            foreach (var scope in scopes) Count(scope, date, end);
            foreach (var id in chain) CollectionsMarshal.GetValueRefOrAddDefault(places, id, out _)++;
        }
        ref var day = ref CollectionsMarshal.GetValueRefOrAddDefault(days, (date, e.Type, e.Subtype), out _);
        day = (day.Events + 1, day.Fatalities + (e.Fatalities ?? 0));
        // Once per document, however many of the event's quotes it gives (as event_sources' distinct events).
        for (var i = 0; i < e.Sources.Count; i++)
        {
            var document = e.Sources[i].DocumentId;
            if (!e.Sources.Take(i).Any(s => s.DocumentId == document)) CollectionsMarshal.GetValueRefOrAddDefault(documents, document, out _)++;
        }
        MaxSpanDays = Math.Max(MaxSpanDays, Period.DaysBetween(e.Date.Start, e.Date.End));
    }

    /// <summary>Events located in the place or inside it.</summary>
    public long InPlace(string placeId) => places.GetValueOrDefault(placeId);

    /// <summary>Events citing the document.</summary>
    public long Citing(string documentId) => documents.GetValueOrDefault(documentId);

    /// <summary>The longest event, in days from its start to its end.</summary>
    public int MaxSpanDays { get; private set; }

    /// <summary>(date, type, subtype, events, fatalities) in key order, for day_type_counts.</summary>
    public IEnumerable<(string Date, string Type, string Subtype, long Events, long Fatalities)> Days() => days
        .OrderBy(d => d.Key.Date, StringComparer.Ordinal).ThenBy(d => d.Key.Type, StringComparer.Ordinal).ThenBy(d => d.Key.Subtype, StringComparer.Ordinal)
        .Select(d => (d.Key.Date, d.Key.Type, d.Key.Subtype, d.Value.Events, d.Value.Fatalities));

    /// <summary>(scope, date, date_end, events) in key order, for event_counts.</summary>
    public IEnumerable<(string Scope, string Date, string DateEnd, long Events)> Rows() => counts
        .OrderBy(c => c.Key.Scope, StringComparer.Ordinal).ThenBy(c => c.Key.Date, StringComparer.Ordinal).ThenBy(c => c.Key.DateEnd, StringComparer.Ordinal)
        .Select(c => (c.Key.Scope, c.Key.Date, c.Key.DateEnd, c.Value));

    private void Count(string scope, string date, string end) =>
        CollectionsMarshal.GetValueRefOrAddDefault(counts, (scope, date, end), out _)++;

    private static string Scope(Dictionary<string, string> made, string prefix, string name)
    {
        ref var scope = ref CollectionsMarshal.GetValueRefOrAddDefault(made, name, out var exists);
        if (!exists) scope = prefix + name;
        return scope!;
    }

    /// <summary>
    /// A place's chain, the place and every place it lies in, each once (as place_ancestors holds them),
    /// and its scopes: the chain's regions, countries and world regions (not settlements: those are not counted).
    /// </summary>
    private (string[] Chain, string[] Scopes) Above(Place place)
    {
        ref var above = ref CollectionsMarshal.GetValueRefOrAddDefault(placesAbove, place.Id, out var exists);
        if (!exists)
        {
            var chain = chainOf(place).DistinctBy(p => p.Id, StringComparer.Ordinal).ToList();
            above = ([.. chain.Select(p => p.Id)], [.. chain.Where(p => p.Level != PlaceLevel.Settlement).Select(p => "place:" + p.Id)]);
        }
        return above;
    }
}
