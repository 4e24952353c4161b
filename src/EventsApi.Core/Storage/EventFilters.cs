using Dapper;
using EventsApi.Core.Dictionaries;
using NodaTime.Text;

namespace EventsApi.Core.Storage;

/// <summary>
/// Filters are data: one row per criterion, from the filter to its SQL clause over `events e` and
/// the parameters it binds. The page query, the exports and the timeline all build their WHERE
/// from this one table; nothing from the request is ever spliced into SQL.
/// </summary>
public static class EventFilters
{
    private sealed record Row(Func<EventFilter, bool> Applies, Func<EventFilter, string> Clause, Action<EventFilter, DynamicParameters> Bind)
    {
        public Row(Func<EventFilter, bool> applies, string clause, Action<EventFilter, DynamicParameters> bind) : this(applies, _ => clause, bind) { }

        /// <summary>A bound of the date range: FilterBitmaps takes the range from seq order, not as a set.</summary>
        public bool OnDates { get; init; }

        /// <summary>A bounding box: FilterBitmaps takes its set from its points' seqs in memory (PointSeqs), not from SQL.</summary>
        public bool OnPoints { get; init; }

        /// <summary>
        /// The statement that lists the seqs of the events this criterion alone matches (its parameters
        /// bound by Bind), when not its clause over events, which an index serves.
        /// </summary>
        public string? Seqs { get; init; }

        /// <summary>
        /// Whether the set is worth keeping for later requests: it depends on a few values, not on
        /// coordinates or words, or it is a broad search's (few searches are broad).
        /// </summary>
        public bool Kept { get; init; } = true;

        /// <summary>The key of the set in filter_sets, written at import, when the criterion names one common value (null otherwise).</summary>
        public Func<EventFilter, string?>? Stored { get; init; }

        /// <summary>
        /// Whether no one index lists the criterion's events in date order: SQL, led by it, sorts all
        /// its matches or walks every event by date, reading rows. FilterBitmaps takes such a page.
        /// </summary>
        public Func<EventFilter, bool>? Unordered { get; init; }
    }

    private static string Iso(NodaTime.LocalDate d) => LocalDatePattern.Iso.Format(d);

    private static readonly Row[] Table =
    [
        new(f => f.From is not null && !f.Within, "e.date_end >= @from", (f, p) => p.Add("from", Iso(f.From!.Value))) { OnDates = true },
        // Implied by the one above (no event is longer than the longest), but it gives the date indexes a lower bound.
        new(f => f.From is not null && !f.Within && f.MaxSpanDays is not null, "e.date >= @from_min",
            (f, p) => p.Add("from_min", Iso(f.From!.Value.PlusDays(-f.MaxSpanDays!.Value)))) { OnDates = true },
        new(f => f.To is not null && !f.Within, "e.date <= @to", (f, p) => p.Add("to", Iso(f.To!.Value))) { OnDates = true },
        new(f => f.From is not null && f.Within, "e.date >= @from", (f, p) => p.Add("from", Iso(f.From!.Value))) { OnDates = true },
        new(f => f.To is not null && f.Within, "e.date_end <= @to", (f, p) => p.Add("to", Iso(f.To!.Value))) { OnDates = true },
        // Implied by the one above (no event ends before it starts), but it gives the date indexes an upper
        // bound: without it a year's events within it, newest first, walked the date index from the year's
        // start to the end of time (0.31 s at 1M; 2 ms with it).
        new(f => f.To is not null && f.Within, "e.date <= @to", (f, p) => p.Add("to", Iso(f.To!.Value))) { OnDates = true },
        new(f => f.Regions.Count > 0, RegionClause, BindRegions)
        {
            Stored = f => f.ResolvedRegions switch
            {
                { Admin1Ids: [var admin1], CountryIds: [], OtherIds: [] } => "admin1:" + admin1,
                { Admin1Ids: [], CountryIds: [var country], OtherIds: [] } => "country:" + country,
                _ => null,
            },
            // A settlement's events come through the containment closure: SQLite collects each place's
            // events in the range and sorts them (1.0 ms a page at 1M, against 0.5 for an oblast's); a world
            // region's, with its countries', are ORed, and walked by date a row at a time (2.9 ms).
            Unordered = f => f.ResolvedRegions is { OtherIds.Count: > 0 },
        },
        new(f => f.Countries.Count > 0, """
            e.country_id IN (SELECT c.id FROM places c
                             WHERE c.level = 'country' AND (c.id IN @country_codes OR c.id IN (SELECT pn.place_id FROM place_names pn WHERE pn.key IN @country_keys)))
            """, (f, p) => { p.Add("country_codes", f.Countries.Select(c => c.ToUpperInvariant()).ToList()); p.Add("country_keys", f.Countries.Select(NameKey.Fold).ToList()); })
        {
            // Named by its code, a common country's set is the one written for region=<code>.
            Stored = f => f.Countries.Select(c => c.ToUpperInvariant()).Distinct().ToList() is [var code] ? "country:" + code : null,
            // SQL walks a date range's events in date order and tests each one's country (the IN over a
            // subquery keeps it off the country's own index): 0.13-0.17 s at 1M for Poland's last three years.
            Unordered = _ => true,
        },
        // Broad actors are probed on each row of a walk, by the event's own entries (the unary + keeps
        // SQLite from seeking event_actors_by_actor once per actor for every row instead).
        new(f => f.Actors.Count > 0 && f.BroadActors, """
            EXISTS (SELECT 1 FROM event_actors ea
                    WHERE ea.event_seq = e.seq
                      AND +ea.actor_id IN (SELECT aa.actor_id FROM actor_ancestors aa
                                          WHERE aa.ancestor_id IN @actor_ids
                                             OR aa.ancestor_id IN (SELECT an.actor_id FROM actor_names an WHERE an.key IN @actor_keys))
                      AND (@any_role OR ea.role IN @roles))
            """, BindActors) { Seqs = ActorSeqs },
        new(f => f.Actors.Count > 0 && !f.BroadActors, """
            e.seq IN (SELECT ea.event_seq FROM event_actors ea
                      JOIN actor_ancestors aa ON aa.actor_id = ea.actor_id
                      WHERE (aa.ancestor_id IN @actor_ids OR aa.ancestor_id IN (SELECT an.actor_id FROM actor_names an WHERE an.key IN @actor_keys))
                        AND (@any_role OR ea.role IN @roles))
            """, BindActors) { Seqs = ActorSeqs },
        new(f => f.Types.Count > 0, "e.type IN @types", (f, p) => p.Add("types", f.Types)) { Stored = f => f.Types.Distinct().Count() == 1 ? "type:" + f.Types[0] : null },
        new(f => f.Subtypes.Count > 0, "e.subtype IN @subtypes", (f, p) => p.Add("subtypes", f.Subtypes)) { Stored = f => f.Subtypes.Distinct().Count() == 1 ? "subtype:" + f.Subtypes[0] : null },
        new(f => f.Sources.Count > 0, "e.seq IN (SELECT es.event_seq FROM event_sources es WHERE es.document_id IN @sources)", (f, p) => p.Add("sources", f.Sources)),
        new(f => f.MinFatalities is not null, "e.fatalities >= @min_fatalities", (f, p) => p.Add("min_fatalities", f.MinFatalities)),
        new(f => f.MinSources is not null, "e.source_count >= @min_sources", (f, p) => p.Add("min_sources", f.MinSources)),
        // No index lists events by precision: their sets are written at import for every rank (migration
        // 0021), and pages come from them.
        new(f => f.Precision is not null, "e.precision_rank <= @precision_rank", (f, p) => p.Add("precision_rank", (int)f.Precision!.Value))
        {
            Stored = f => ColumnSets.DatePrecisionKey(f.Precision!.Value),
            Unordered = _ => true,
        },
        new(f => f.GeoPrecision is not null, "e.geo_rank <= @geo_rank", (f, p) => p.Add("geo_rank", (int)f.GeoPrecision!.Value))
        {
            Stored = f => ColumnSets.GeoPrecisionKey(f.GeoPrecision!.Value),
            Unordered = _ => true,
        },
        // The matches are collected once. Rare words lead (their few events are looked up by seq); common
        // ones only answer membership (the unary + keeps SQLite from looking up every match by seq
        // while another index, or the walk in order, finds fewer rows). See EventFilter.BroadQuery.
        // Probing the full-text index once per event instead costs ~0.1 ms a probe, seconds for a prefix.
        // A broad search's set is kept: few searches are broad, and collecting one again took 0.5 s at 1M
        // ("a*", which begins 150 words: only common words have bitmaps, SearchBitmaps).
        new(f => f.Query is not null && f.BroadQuery, "+e.seq IN (SELECT rowid FROM event_search WHERE event_search MATCH @query)", BindQuery) { Seqs = SearchSeqs },
        new(f => f.Query is not null && !f.BroadQuery, "e.seq IN (SELECT rowid FROM event_search WHERE event_search MATCH @query)", BindQuery) { Seqs = SearchSeqs, Kept = false },
        // A broad box is checked on the rows of the walk in order (the unary + keeps SQLite off the location index).
        new(f => f.Bbox is not null, f => f.BroadBox
            ? "+e.longitude BETWEEN @min_lon AND @max_lon AND +e.latitude BETWEEN @min_lat AND @max_lat"
            : "e.longitude BETWEEN @min_lon AND @max_lon AND e.latitude BETWEEN @min_lat AND @max_lat", (f, p) =>
        {
            var (minLon, minLat, maxLon, maxLat) = f.Bbox!.Value;
            p.Add("min_lon", minLon); p.Add("min_lat", minLat); p.Add("max_lon", maxLon); p.Add("max_lat", maxLat);
        }) { OnPoints = true },
    ];

    /// <summary>An actor's events from event_actors_by_actor alone, without their rows in events.</summary>
    private const string ActorSeqs = """
        SELECT ea.event_seq FROM event_actors ea
        WHERE ea.actor_id IN (SELECT aa.actor_id FROM actor_ancestors aa
                              WHERE aa.ancestor_id IN @actor_ids OR aa.ancestor_id IN (SELECT an.actor_id FROM actor_names an WHERE an.key IN @actor_keys))
          AND (@any_role OR ea.role IN @roles)
        """;

    private const string SearchSeqs = "SELECT rowid FROM event_search WHERE event_search MATCH @query";

    /// <summary>Only the parts a filter needs, so a single-level region leaves SQLite one index to walk.</summary>
    private static string RegionClause(EventFilter f)
    {
        var regions = f.ResolvedRegions ?? throw new InvalidOperationException("region filters are resolved by EventQueries.Plan before they are built");
        var parts = new List<string>();
        if (regions.Admin1Ids.Count > 0) parts.Add("e.admin1_id IN @region_admin1s");
        if (regions.CountryIds.Count > 0) parts.Add("e.country_id IN @region_countries");
        if (regions.OtherIds.Count > 0) parts.Add("e.place_id IN (SELECT pa.place_id FROM place_ancestors pa WHERE pa.ancestor_id IN @region_others)");
        return parts.Count == 0 ? "0" : string.Join(" OR ", parts);
    }

    private static void BindRegions(EventFilter f, DynamicParameters p)
    {
        var regions = f.ResolvedRegions!;
        if (regions.Admin1Ids.Count > 0) p.Add("region_admin1s", regions.Admin1Ids);
        if (regions.CountryIds.Count > 0) p.Add("region_countries", regions.CountryIds);
        if (regions.OtherIds.Count > 0) p.Add("region_others", regions.OtherIds);
    }

    private static void BindQuery(EventFilter f, DynamicParameters p) => p.Add("query", f.Match);

    private static void BindActors(EventFilter f, DynamicParameters p)
    {
        p.Add("actor_ids", f.Actors);
        p.Add("actor_keys", f.Actors.Select(NameKey.Fold).ToList());
        p.Add("any_role", f.Roles.Count == 0);
        p.Add("roles", Roles(f).Names);
    }

    /// <summary>
    /// The roles as a clause over event_actors ea ("1" when any role will do) and the names it binds
    /// as @roles: for the statements that read event_actors by actor (EventQueries).
    /// </summary>
    public static (string Clause, List<string> Names) Roles(EventFilter f) =>
        (f.Roles.Count == 0 ? "1" : "ea.role IN @roles", f.Roles.Select(r => Domain.WireNames.ToWire(r)).ToList());

    /// <summary>
    /// Each criterion of the filter but its dates and its box, as a statement that lists the seqs it
    /// matches, with its parameters, whether the set is worth keeping and its key in filter_sets if it
    /// may be there.
    /// </summary>
    public static IReadOnlyList<(string Sql, DynamicParameters Parameters, bool Kept, string? Stored)> Sets(EventFilter filter)
    {
        var sets = new List<(string, DynamicParameters, bool, string?)>();
        foreach (var row in Table.Where(r => r.Applies(filter) && !r.OnDates && !r.OnPoints))
        {
            var parameters = new DynamicParameters();
            row.Bind(filter, parameters);
            sets.Add((row.Seqs ?? $"SELECT e.seq FROM events e WHERE {row.Clause(filter)}", parameters, row.Kept, row.Stored?.Invoke(filter)));
        }
        return sets;
    }

    /// <summary>Whether a criterion of the filter has no index that lists its events in date order (see Row.Unordered).</summary>
    public static bool Unordered(EventFilter filter) => Table.Any(row => row.Unordered is { } unordered && row.Applies(filter) && unordered(filter));

    /// <summary>The WHERE clause (without the keyword; "1" when nothing applies) and its parameters.</summary>
    public static (string Where, DynamicParameters Parameters) Build(EventFilter filter)
    {
        var parameters = new DynamicParameters();
        var clauses = new List<string>();
        foreach (var row in Table.Where(r => r.Applies(filter)))
        {
            clauses.Add("(" + row.Clause(filter) + ")");
            row.Bind(filter, parameters);
        }
        return (clauses.Count == 0 ? "1" : string.Join("\n  AND ", clauses), parameters);
    }
}
