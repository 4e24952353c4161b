using System.Runtime.InteropServices;
using EventsApi.Core.Domain;

namespace EventsApi.Core.Storage;

/// <summary>
/// The actors' event counts, tallied as the writer passes each event rather than counted from
/// event_actors once it is written: the distinct events under each actor with actors below it took
/// 1.9 s of SQL at 1M events (a distinct count over up to 900,000 joined entries each), and grouping
/// every event's actors by month 1.8 s; tallied here, both cost a few dictionary updates per event.
/// What each number means is what migration 0003 said in SQL before, and the tests still count it so.
/// </summary>
internal sealed class ActorTallies(Func<Actor, IEnumerable<Actor>> chainOf)
{
    /// <summary>One actor's tallies, and the ids of its chain (itself and the actors above it).</summary>
    private sealed class Tally(string[] chain)
    {
        public readonly string[] Chain = chain;
        public long Own;
        public long WithActorsUnder;
        /// <summary>By month (year * 12 + month - 1): events, fatalities.</summary>
        public readonly Dictionary<int, (long Events, long Fatalities)> Months = new();
    }

    private readonly Dictionary<string, Tally> actors = new(StringComparer.Ordinal);
    // One event's distinct actors and their distinct ancestors: an event names a handful of actors.
    private readonly List<string> named = [];
    private readonly List<string> above = [];

    public void Add(CodedEvent e)
    {
        named.Clear();
        above.Clear();
        var month = e.Date.Start.Year * 12 + e.Date.Start.Month - 1;
        foreach (var (actor, _) in e.Actors)
        {
            var tally = Of(actor);
            var first = !named.Contains(actor.Id);
            // As the timeline grouped by actor counts: the event once per actor, its fatalities once per
            // row of event_actors (so twice for an actor named in two roles, as that query sums them).
            ref var inMonth = ref CollectionsMarshal.GetValueRefOrAddDefault(tally.Months, month, out _);
            inMonth = (inMonth.Events + (first ? 1 : 0), inMonth.Fatalities + (e.Fatalities ?? 0));
            if (!first) continue;
            named.Add(actor.Id);
            tally.Own++;
            foreach (var ancestor in tally.Chain)
            {
                if (above.Contains(ancestor)) continue;
                above.Add(ancestor);
                actors[ancestor].WithActorsUnder++;
            }
        }
    }

    /// <summary>Events that name the actor itself.</summary>
    public long Own(string actorId) => actors.GetValueOrDefault(actorId)?.Own ?? 0;

    /// <summary>Events that name the actor or any actor under it, each once.</summary>
    public long WithActorsUnder(string actorId) => actors.GetValueOrDefault(actorId)?.WithActorsUnder ?? 0;

    /// <summary>(yyyy-MM, actor, events, fatalities) in key order, for actor_month_counts.</summary>
    public IEnumerable<(string Month, string ActorId, long Events, long Fatalities)> Months() => actors
        .SelectMany(a => a.Value.Months.Select(m => (Month: $"{m.Key / 12:D4}-{m.Key % 12 + 1:D2}", ActorId: a.Key, m.Value.Events, m.Value.Fatalities)))
        .OrderBy(m => m.Month, StringComparer.Ordinal).ThenBy(m => m.ActorId, StringComparer.Ordinal);

    /// <summary>The actor's tally, made with those of the actors above it (so that they can be counted) when first met.</summary>
    private Tally Of(Actor actor)
    {
        if (actors.TryGetValue(actor.Id, out var tally)) return tally;
        var chain = chainOf(actor).ToList();
        foreach (var link in chain) actors.TryAdd(link.Id, new Tally(chainOf(link).Select(a => a.Id).Distinct().ToArray()));
        return actors[actor.Id];
    }
}
