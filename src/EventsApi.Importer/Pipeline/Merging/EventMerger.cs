using EventsApi.Core.Dictionaries;
using EventsApi.Core.Domain;
using EventsApi.Importer.Pipeline.Extraction;

namespace EventsApi.Importer.Pipeline.Merging;

/// <summary>
/// Codebook rules 3, 10 and 11: reports of the same event, within a document or across documents,
/// become one event with every source kept. Same event: same type, compatible sub-types,
/// overlapping dates, compatible places (equal, or one inside the other) and related actors.
/// Within one document two reports that each state a different date are different events.
/// </summary>
public sealed class EventMerger(Gazetteer gazetteer, ActorRelations relations)
{
    private sealed class Cluster(Candidate founder)
    {
        public Candidate Founder { get; } = founder;
        public List<Candidate> Members { get; } = [founder];
        public EventDate Date { get; set; } = founder.Date;
        public ResolvedPlace? Place { get; set; } = founder.Place;
        public string Subtype { get; set; } = founder.Subtype;
    }

    public List<CodedEvent> Merge(IEnumerable<Candidate> candidates)
    {
        var clusters = new List<Cluster>();
        var ordered = candidates
            .OrderBy(c => c.Document.Published)
            .ThenBy(c => c.Document.Id, StringComparer.Ordinal)
            .ThenBy(c => c.Sentence);
        foreach (var candidate in ordered)
        {
            // Of several events a report could be, the one nearest its date: news reports the latest.
            var target = clusters.Where(k => Compatible(k, candidate))
                .OrderBy(k => Math.Abs(NodaTime.Period.Between(k.Date.End, candidate.Date.End, NodaTime.PeriodUnits.Days).Days))
                .ThenByDescending(k => clusters.IndexOf(k))
                .FirstOrDefault();
            if (target is null)
            {
                clusters.Add(new Cluster(candidate));
                continue;
            }
            target.Members.Add(candidate);
            if (candidate.Date.Days < target.Date.Days) target.Date = candidate.Date;
            if (candidate.Place is not null && (target.Place is null || Depth(candidate.Place) > Depth(target.Place))) target.Place = candidate.Place;
            if (target.Subtype == "other") target.Subtype = candidate.Subtype;
        }
        return Finish(clusters.Where(Keep).ToList());
    }

    private bool Compatible(Cluster cluster, Candidate c)
    {
        if (cluster.Founder.Type != c.Type) return false;
        if (cluster.Subtype != c.Subtype && cluster.Subtype != "other" && c.Subtype != "other") return false;
        // What air defence shot down is not what hit the ground, even where neither says how.
        if (cluster.Subtype == "interception" != (c.Subtype == "interception")) return false;
        if (!cluster.Date.Overlaps(c.Date)) return false;
        if (cluster.Members.Any(m => m.Document == c.Document && m.DateExplicit && c.DateExplicit && m.Date != c.Date)) return false;
        if (cluster.Place is not null && c.Place is not null
            && !gazetteer.Contains(cluster.Place.Place, c.Place.Place) && !gazetteer.Contains(c.Place.Place, cluster.Place.Place)) return false;
        // One article's overview ("attacks across Ukraine killed seven") is not its first detailed
        // report ("a man was killed in Zolochiv"): within a document, a country is no place to merge on.
        if (c.Type is "strike" or "battle" && cluster.Members.Any(m => m.Document == c.Document)
            && CountryOnly(cluster.Place) != CountryOnly(c.Place)) return false;
        // "Massive Russian attack on Ukraine's energy system" in an undated headline could be any Russian
        // strike in Ukraine that week: a report that vague is not evidence that it is a particular one.
        if (c.Type is "strike" or "battle" && Vague(c) != cluster.Members.All(Vague)) return false;
        var mine = cluster.Members.SelfAndActors(c.Type);
        var theirs = ActorsFor(c.Type, c.Actors);
        if (c.Type == "statement") return mine.Any(a => theirs.Any(b => relations.Related(a, b)));
        // Other events: reports that name no actors fit any; otherwise a side must be shared.
        return mine.Count == 0 || theirs.Count == 0 || mine.Any(a => theirs.Any(b => relations.SameSide(a, b)));
    }

    /// <summary>
    /// Undated and placed only in a country. (A report with no place at all has only merging to
    /// survive by, and some ("recapture Robotyne", a village the gazetteer lacks) merge rightly.)
    /// </summary>
    private static bool Vague(Candidate c) => !c.DateExplicit && c.Place is { Precision: GeoPrecision.Country };

    private static bool CountryOnly(ResolvedPlace? place) => place is null || place.Precision == GeoPrecision.Country;

    internal static List<Actor> ActorsFor(string type, IEnumerable<EventActor> actors) => actors
        .Where(a => type != "statement" || a.Role == ActorRole.Speaker)
        .Select(a => a.Actor).ToList();

    /// <summary>What survives merging: an attack or battle needs a place, a claim a territory, a statement a speaker.</summary>
    private static bool Keep(Cluster cluster)
    {
        var actors = cluster.Members.SelectMany(m => m.Actors).ToList();
        return cluster.Founder.Type switch
        {
            "strike" => cluster.Place is not null,
            "battle" => cluster.Place is not null && cluster.Place.Precision != GeoPrecision.Country,
            "territorial_claim" => cluster.Place is not null,
            "statement" => actors.Any(a => a.Role == ActorRole.Speaker),
            "talks" => actors.Count > 0,
            _ => true,
        };
    }

    private List<CodedEvent> Finish(List<Cluster> clusters)
    {
        var events = new List<CodedEvent>();
        var ids = new HashSet<string>();
        foreach (var cluster in clusters)
        {
            // An actor once, in the role the first report gave it: reports that merge may see it from either side.
            var actors = cluster.Members.SelectMany(m => m.Actors).DistinctBy(a => a.Actor.Id).ToList();
            // A body named beside one of its own people in the same role adds nothing: keep the most specific
            // (Peskov, not also the Kremlin); filters by actor still find the event through the hierarchy.
            actors = actors.Where(a => !actors.Any(b => b != a && b.Role == a.Role && b.Actor.Id != a.Actor.Id
                && relations.Chain(b.Actor).Skip(1).Any(x => x.Id == a.Actor.Id))).ToList();
            var killed = cluster.Members.Max(m => m.Fatalities);
            var injured = cluster.Members.Max(m => m.Injured);
            var quantity = cluster.Members.Select(m => m.Quantity).FirstOrDefault(q => q is not null);
            var sources = cluster.Members.SelectMany(m => m.Sources).DistinctBy(s => (s.DocumentId, s.Offset))
                .OrderBy(s => s.DocumentId, StringComparer.Ordinal).ThenBy(s => s.Offset).ToList();
            var canonical = EventIdentity.Canonical(cluster.Founder);
            var id = EventIdentity.Of(canonical);
            for (var n = 2; !ids.Add(id); n++) id = EventIdentity.Of($"{canonical}#{n}");
            events.Add(new CodedEvent(id, cluster.Founder.Type, cluster.Subtype, cluster.Date, cluster.Place, actors,
                killed, injured, quantity, Summaries.Of(cluster.Subtype, actors, cluster.Place, killed, injured, quantity), sources));
        }
        return events;
    }

    private int Depth(ResolvedPlace place) => gazetteer.SelfAndAncestors(place.Place).Count();
}

internal static class ClusterMembers
{
    public static List<Actor> SelfAndActors(this IEnumerable<Candidate> members, string type) =>
        members.SelectMany(m => EventMerger.ActorsFor(type, m.Actors)).DistinctBy(a => a.Id).ToList();
}
