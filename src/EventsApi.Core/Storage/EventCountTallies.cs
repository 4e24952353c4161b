using System.Runtime.InteropServices;
using EventsApi.Core.Domain;

namespace EventsApi.Core.Storage;

/// <summary>
/// The rows of event_counts (events per scope and per start and end date), tallied as the writer
/// passes each event rather than grouped from the written events: migration 0004 read every event
/// twice for them (by type and sub-type, and joined to the places above it), 2.8 s of SQL at 1M
/// events; tallied here, they cost a few dictionary updates per event. The scopes are those 0001
/// describes, and the tests still count them so in SQL.
/// </summary>
internal sealed class EventCountTallies(Func<Place, IEnumerable<Place>> chainOf)
{
    private readonly Dictionary<(string Scope, string Date, string DateEnd), long> counts = new();
    // Scope names made once: "type:strike" for every strike would be a string an event.
    private readonly Dictionary<string, string> typeScopes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> subtypeScopes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> placeScopes = new(StringComparer.Ordinal);

    public void Add(CodedEvent e)
    {
        var (date, end) = (e.Date.StartIso, e.Date.EndIso);
        Count("*", date, end);
        Count(Scope(typeScopes, "type:", e.Type), date, end);
        Count(Scope(subtypeScopes, "subtype:", e.Subtype), date, end);
        if (e.Place is { } place)
            foreach (var scope in PlaceScopes(place.Place)) Count(scope, date, end);
    }

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

    /// <summary>A place's scopes: every region, country and world region it lies in, itself included (not a settlement: those are not counted).</summary>
    private string[] PlaceScopes(Place place)
    {
        ref var scopes = ref CollectionsMarshal.GetValueRefOrAddDefault(placeScopes, place.Id, out var exists);
        if (!exists)
            scopes = chainOf(place).Where(p => p.Level != PlaceLevel.Settlement).Select(p => "place:" + p.Id).Distinct(StringComparer.Ordinal).ToArray();
        return scopes!;
    }
}
