using EventsApi.Core.Domain;
using NodaTime;

namespace EventsApi.Core.Storage;

/// <summary>
/// The criteria of /v1/events, already validated. Each list means OR among its values; different
/// criteria combine with AND.
/// </summary>
public sealed record EventFilter
{
    public LocalDate? From { get; init; }
    public LocalDate? To { get; init; }
    public bool Within { get; init; }
    public IReadOnlyList<string> Regions { get; init; } = [];
    public IReadOnlyList<string> Countries { get; init; } = [];
    public IReadOnlyList<string> Actors { get; init; } = [];
    public IReadOnlyList<ActorRole> Roles { get; init; } = [];
    public IReadOnlyList<string> Types { get; init; } = [];
    public IReadOnlyList<string> Subtypes { get; init; } = [];
    public IReadOnlyList<string> Sources { get; init; } = [];
    public int? MinFatalities { get; init; }
    public int? MinSources { get; init; }
    public DatePrecision? Precision { get; init; }
    public GeoPrecision? GeoPrecision { get; init; }
    public string? Query { get; init; }
    public (double MinLon, double MinLat, double MaxLon, double MaxLat)? Bbox { get; init; }

    /// <summary>
    /// Set by the queries, not by clients: the actors take part in a large share of all events, so
    /// walking events newest first and probing each is faster than collecting their events first.
    /// </summary>
    public bool BroadActors { get; init; }

    /// <summary>
    /// Set by the queries for actors alone (with or without roles): every actor the values name and
    /// everything under them, when few enough that reading each one's newest events beats walking all
    /// events newest first (see EventQueries.InActors).
    /// </summary>
    public IReadOnlyList<string>? ActorsWithin { get; init; }

    /// <summary>Set by the queries: the events of the one actor the actor values name (it and everything under it), when they name one.</summary>
    public long? ActorEvents { get; init; }

    /// <summary>
    /// Set by the queries: how many events the search words match, when a word count gives it
    /// exactly. The matches are collected once; those of words in more than 2% of all events only
    /// answer membership while the walk in order (or another filter's index) finds the rows; rarer
    /// words lead (see EventFilters).
    /// </summary>
    public long? QueryMatches { get; init; }

    public bool BroadQuery { get; init; }

    /// <summary>Set by the queries: the search as an FTS5 MATCH expression, its prefixes spelled out where they begin few words (FullText.SpelledOut).</summary>
    public string? MatchExpression { get; init; }

    /// <summary>
    /// Set by the queries: the search's words as the index holds them, a group for each word of the
    /// query (a prefix: the words it begins), when every word is plain and every prefix spelled out;
    /// what SearchBitmaps counts.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>>? SearchWords { get; init; }

    /// <summary>The search as an FTS5 MATCH expression: as planned, or as written.</summary>
    public string Match => MatchExpression ?? FullText.ToMatchExpression(Query ?? throw new InvalidOperationException("the filter has no search"));

    /// <summary>
    /// Set by the queries: how many events lie in the box (summed over its points), and whether they are
    /// so many that walking events newest first finds a page sooner than sorting them all by date
    /// (see EventQueries.Plan).
    /// </summary>
    public long? BoxEvents { get; init; }

    public bool BroadBox { get; init; }

    /// <summary>
    /// Set by the queries: the points in the box, as indexes into the file's PointSeqs, which holds each
    /// point's events: a box's page is merged from them, its set marked from them, its total summed.
    /// </summary>
    public IReadOnlyList<int>? BoxPoints { get; init; }

    /// <summary>Set by the queries: the places the region values name, by level (each index-backed differently).</summary>
    public ResolvedRegions? ResolvedRegions { get; init; }

    /// <summary>Set by the queries: the dataset's longest event in days, which bounds date-range scans from below.</summary>
    public int? MaxSpanDays { get; init; }

    /// <summary>No criterion at all: every event matches. (Record equality compares the lists by reference.)</summary>
    public bool IsEmpty => From is null && To is null && Regions.Count == 0 && Countries.Count == 0 && Actors.Count == 0
        && Roles.Count == 0 && Types.Count == 0 && Subtypes.Count == 0 && Sources.Count == 0 && MinFatalities is null
        && MinSources is null && Precision is null && GeoPrecision is null && Query is null && Bbox is null;

    /// <summary>A box and no other criterion: its page, total and export come from its points alone.</summary>
    public bool IsBoxAlone => Bbox is not null && this with { Bbox = null } is { IsEmpty: true };
}

/// <summary>
/// The places region= named, split by how their events are found: first-level regions and countries
/// (a world region counts as its countries) by the events' denormalised admin1_id and country_id;
/// anything else (a settlement, a world region's own events) through the containment closure.
/// </summary>
public sealed record ResolvedRegions(IReadOnlyList<string> Admin1Ids, IReadOnlyList<string> CountryIds, IReadOnlyList<string> OtherIds)
{
    /// <summary>The one place of a single admin1, country or world region value: its events are counted from event_counts.</summary>
    public string? CountedScope { get; init; }
}
