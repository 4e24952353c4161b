using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>
/// The read side of the dataset: every query the API and the evaluator run, one statement per
/// method. The WHERE comes from EventFilters and the ORDER BY from EventSort's whitelist.
/// Statements stay prepared on their connection (PreparedStatements), so LIMIT and OFFSET counts
/// are written into the SQL as numbers: SQLite plans with a bound LIMIT's value, and so prepares the
/// statement again each time that parameter is bound. (Inner windows take limit + 1 rows: one past
/// the page, for PageEnd's look-ahead.)
/// All queries of one instance run on one connection (the caller's), so everything a response
/// reads comes from one dataset file, even while an import swaps in a new one.
/// </summary>
/// <param name="mergePointsUpTo">An export of a box with no more points reads it point by point (tests set 0 to
/// reach the other ways). A page of a box alone is always merged from its points, in memory (PointSeqs).</param>
/// <param name="setsEnabled">Whether filters of several criteria are answered from their sets (FilterBitmaps); tests turn it off to compare with SQL.</param>
/// <param name="exportPart">How many events an export chosen as its pages are chooses at a time (tests set a few, to export in many parts).</param>
public sealed class EventQueries(SqliteConnection connection, int mergePointsUpTo = EventQueries.MergedPointsUpTo, bool setsEnabled = true,
    int exportPart = EventQueries.ExportPart)
    : IDisposable
{
    static EventQueries() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <summary>
    /// What an export needs: the stored event, and its id and coordinates for GeoJSON's features (read by
    /// <see cref="Stream"/>). The filters run on events (CROSS JOIN keeps it first); each match's details follow by seq.
    /// </summary>
    private const string ExportedEvents = """
        SELECT e.id, e.latitude, e.longitude, CAST(d.details AS BLOB) AS details
        FROM events e CROSS JOIN event_details d ON d.seq = e.seq
        """;

    /// <summary>
    /// One page after the keyset position <paramref name="after"/> (the last row's sort values), or the
    /// first page. The page's rows are chosen first, from the indexes where they suffice, and only then
    /// read: when the matches must be sorted (a bounding box, a search), their keys are sorted, not
    /// their whole rows.
    /// </summary>
    public IReadOnlyList<EventRow> Page(EventFilter filter, EventSort sort, IReadOnlyList<object>? after, int limit)
    {
        // A box alone: its points' lists of seqs, merged in memory as far as the page goes.
        if (sort.IsStorageOrder && filter.IsBoxAlone)
            return Stored(Points.Page(Plan(filter).BoxPoints!, sort.Keys[0].Descending, SeqOf(connection, (string?)after?[1]), limit));
        // Several criteria, or a search in a date range: their sets, ANDed.
        if (sort.IsStorageOrder && Bitmaps?.Page(Plan(filter), sort.Keys[0].Descending, SeqOf(connection, (string?)after?[1]), limit) is { } matched)
            return Stored(matched);
        if (!sort.IsStorageOrder && SortedFromSets(filter, sort, after, limit) is { } sorted) return Stored(sorted);
        var (where, orderBy, parameters, seqs) = Matching(filter, sort, after, limit);
        // A path that picks the page's seqs from an index of its own is taken as it is: asking events
        // for them again read each chosen event's row, a table page apiece, only to find it there
        // (a box at 1M: 226 page reads a request, 100 of them that).
        var chosen = seqs is not null
            ? $"SELECT seq FROM ({seqs}) ORDER BY {sort.BySeq("seq")} LIMIT {limit}"
            : $"SELECT e.seq FROM events e WHERE {where} ORDER BY {orderBy} LIMIT {limit}";
        return Stored(Seqs(chosen, parameters));
    }

    /// <summary>A statement's seqs, read as integers (QueryPrepared boxes and converts each value).</summary>
    private List<long> Seqs(string sql, object parameters)
    {
        using var reader = connection.ReadPrepared(sql, parameters);
        var seqs = new List<long>();
        while (reader.Read()) seqs.Add(reader.GetInt64(0));
        return seqs;
    }

    /// <summary>
    /// The stored events of these seqs, in their order: the stored JSON alone, read by slot
    /// (DetailSlots), without a statement or Dapper's row mapping, into <see cref="details"/>.
    /// </summary>
    private List<EventRow> Stored(IReadOnlyList<long> seqs) => seqs.Count == 0
        ? []
        : DetailSlots.Read(connection, DatasetVersion, Known.Slots ??= DetailSlots.Of(connection, DatasetVersion), seqs, details)
            .ConvertAll(json => new EventRow { Details = json });

    /// <summary>The stored JSON of the pages and events this instance has read, until it is disposed.</summary>
    private readonly RentedBytes details = new();

    /// <summary>
    /// How the matching events are found: a WHERE over events (e) and the ORDER BY that serves it, with
    /// their parameters. Paths that pick a page's seqs themselves, in storage order, also give that
    /// subquery (<c>Seqs</c>, a column named seq): their WHERE is then just <c>e.seq IN (Seqs)</c>.
    /// </summary>
    private readonly record struct Matches(string Where, string OrderBy, DynamicParameters Parameters, string? Seqs = null)
    {
        public static Matches Picked(string seqs, EventSort sort, DynamicParameters parameters) =>
            new($"e.seq IN ({seqs})", sort.BySeq("e.seq"), parameters, seqs);
    }

    /// <summary>The filters' WHERE with the keyset position, the ORDER BY that serves them, and their parameters.</summary>
    private Matches Matching(EventFilter filter, EventSort sort, IReadOnlyList<object>? after, int limit)
    {
        var planned = Plan(filter);
        // A search in date order is a search in rowid order: the collected matches are in rowid
        // order, so the newest are found without sorting them all by date. So is a broad box: a
        // walk newest first meets its page soon. Other filters keep the date order, which their
        // (x, date, id) indexes serve.
        var bySeq = (planned.Query is not null || planned.BroadBox) && sort.IsStorageOrder;
        if (bySeq && filter with { Query = null } is { IsEmpty: true })
        {
            // Only words: the full-text index walks its matches newest first itself and stops at the page's end.
            var search = new DynamicParameters();
            search.Add("query", planned.Match);
            var words = $"""
                SELECT rowid AS seq FROM event_search
                WHERE event_search MATCH @query AND {Keyset(sort, after, search, seqColumn: "rowid")}
                ORDER BY {sort.BySeq("rowid")} LIMIT {limit + 1}
                """;
            return Matches.Picked(words, sort, search);
        }
        // A box alone, for an export (a page merges its points in memory): one with few points is read
        // point by point; a broad one is walked in order (above); any other is collected from its points
        // and sorted (at most about 20,000 index entries at 1M, where a box becomes broad).
        if (sort.IsStorageOrder && filter.IsBoxAlone)
        {
            if (planned.BoxPoints is { Count: > 0 } points && points.Count <= mergePointsUpTo)
                return AtEachPoint(points.Select(Points.Coordinates).ToList(), sort, after, limit);
            if (!planned.BroadBox) return AtPoints(planned, sort, after, limit);
        }
        if (sort.IsStorageOrder && planned.ActorsWithin is { } actors) return InActors(planned, actors, sort, after, limit);
        var (where, parameters) = EventFilters.Build(planned);
        var keyset = Keyset(sort, after, parameters, bySeq ? "e.seq" : null);
        return new($"{where}\n  AND {keyset}", bySeq ? sort.BySeq("e.seq") : sort.OrderBy, parameters);
    }

    /// <summary>
    /// A page sorted by fatalities or sources (then any keys) of a filter its sets answer, or null. An
    /// order of two or three keys is chosen in memory from the matches, every event's for no filter
    /// (SortedScan). Sorted by one key, two ways: the sort's index walked from the cursor, each entry
    /// looked up in the sets, until the page is full (FilterBitmaps.SortedPage: about limit x events /
    /// matches entries); or, when the matches are few, their own rows found by seq and sorted by SQL
    /// (about one row a match). The cheaper goes first, and the other if the walk finds the matches
    /// further along than their share promised.
    /// Led by one criterion's index or by the sort's, SQL read rows of events the other criteria then
    /// dropped: at 1M, 0.1-0.3 s for a word's, a toll's or a precision's ten to forty thousand events.
    /// </summary>
    private List<long>? SortedFromSets(EventFilter filter, EventSort sort, IReadOnlyList<object>? after, int limit)
    {
        if (Bitmaps is not { } bitmaps) return null;
        var planned = Plan(filter);
        // Two or three keys: no index holds the order, so it is chosen in memory, for everything too.
        if (SortedScan.Serves(sort))
        {
            var afterSeq = after is null ? null : SeqOf(connection, (string)after[^1]);
            if (after is null || afterSeq is not null) return bitmaps.ScannedPage(planned, sort, afterSeq, limit);
        }
        // Everything sorted by one key: the sort's own index, by SQL.
        if (filter.IsEmpty) return null;
        if (bitmaps.Count(planned) is not { } total) return null;
        var few = total <= MaxSortedBySeq;
        if (few && (!FilterBitmaps.WalksSort(sort) || total * total <= (long)limit * AllEvents()))
            return SortedBySeq(bitmaps.Few(planned, MaxSortedBySeq)!, sort, after, limit);
        return bitmaps.SortedPage(planned, sort, after, limit)
            ?? (few ? SortedBySeq(bitmaps.Few(planned, MaxSortedBySeq)!, sort, after, limit) : null);
    }

    /// <summary>A filter matching at most this many events may be sorted from its rows found by seq (at 1M, 20-40 ms for 20,000).</summary>
    private const int MaxSortedBySeq = 65536;

    /// <summary>The page of these events in the sort's order after the cursor: their rows found by seq, sorted by SQL.</summary>
    private List<long> SortedBySeq(List<long> seqs, EventSort sort, IReadOnlyList<object>? after, int limit)
    {
        var picked = new DynamicParameters();
        picked.Add("seqs", "[" + string.Join(",", seqs) + "]");
        var keyset = Keyset(sort, after, picked, seqColumn: null);
        return Seqs($"""
            SELECT e.seq FROM events e
            WHERE e.seq IN (SELECT value FROM json_each(@seqs)) AND {keyset}
            ORDER BY {sort.OrderBy} LIMIT {limit}
            """, picked);
    }

    /// <summary>More actors than this (the whole of a country's forces, say) are walked in date order instead.</summary>
    private const int MaxActorsRead = 64;

    /// <summary>
    /// Actors alone, in date order: each actor's range of event_actors_by_actor is in seq order, so
    /// SQLite merges the ranges (MERGE (UNION), which also drops an event two actors share, or one actor
    /// in two roles) and reads about a page's worth of entries. Sorting all of an actor's events grew
    /// with them (12,800 for the Kremlin and the 17 actors under it at 1M), walking every event newest
    /// first read about all/share rows per row of the page, and taking a page's worth from each actor
    /// and sorting them took 2.1 ms for the Kremlin's 18 actors, where the merge takes 0.2.
    /// </summary>
    private static Matches InActors(
        EventFilter planned, IReadOnlyList<string> actors, EventSort sort, IReadOnlyList<object>? after, int limit)
    {
        var parameters = new DynamicParameters();
        var keyset = Keyset(sort, after, parameters, seqColumn: "ea.event_seq");
        var (roles, roleNames) = EventFilters.Roles(planned);
        parameters.Add("roles", roleNames);
        var perActor = actors.Select((_, i) => $"SELECT ea.event_seq AS seq FROM event_actors ea WHERE ea.actor_id = @actor{i} AND {roles} AND {keyset}");
        for (var i = 0; i < actors.Count; i++) parameters.Add($"actor{i}", actors[i]);
        var page = $"""
            SELECT seq FROM ({string.Join("\nUNION\n", perActor)}
                             ORDER BY 1 {(sort.Keys[0].Descending ? "DESC" : "ASC")} LIMIT {limit + 1})
            """;
        return Matches.Picked(page, sort, parameters);
    }

    /// <summary>
    /// An export of a box alone with no more points than this reads it point by point (AtEachPoint);
    /// a statement of 128 arms ran in 0.7 ms at 1M, one of 256 in 1.1 ms.
    /// </summary>
    public const int MergedPointsUpTo = 128;

    /// <summary>
    /// A box alone, in date order, from each point in it: the location index holds a point's events in
    /// (date, id) order, so SQLite merges the points' ranges (MERGE (UNION ALL)) and reads about a
    /// page's worth of entries, however many events the box holds (0.15-0.35 ms at 1M, where sorting
    /// the box's events or reading its cells took 0.2-4 ms). An arm per point, padded with points that
    /// match nothing to a power of two, so that a few statements serve every box and stay prepared.
    /// Exports read a box this way; a page merges its points' seqs in memory (PointSeqs).
    /// </summary>
    private static Matches AtEachPoint(
        IReadOnlyList<(double Longitude, double Latitude)> points, EventSort sort, IReadOnlyList<object>? after, int limit)
    {
        var parameters = new DynamicParameters();
        var arms = (int)Math.Max(8, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)points.Count));
        for (var i = 0; i < arms; i++)
        {
            parameters.Add($"lon{i}", i < points.Count ? points[i].Longitude : null);
            parameters.Add($"lat{i}", i < points.Count ? points[i].Latitude : null);
        }
        var descending = sort.Keys[0].Descending;
        var direction = descending ? "DESC" : "ASC";
        if (after is not null)
        {
            // A row value: the index range of each point starts at the cursor.
            parameters.Add("after_date", after[0]);
            parameters.Add("after_id", after[1]);
        }
        var perPoint = Enumerable.Range(0, arms).Select(i =>
            $"SELECT e.seq, e.date, e.id FROM events e WHERE e.longitude = @lon{i} AND e.latitude = @lat{i}"
            + (after is not null ? $" AND (e.date, e.id) {(descending ? "<" : ">")} (@after_date, @after_id)" : ""));
        var page = $"""
            SELECT seq FROM ({string.Join("\nUNION ALL\n", perPoint)}
                             ORDER BY 2 {direction}, 3 {direction} LIMIT {limit + 1})
            """;
        return Matches.Picked(page, sort, parameters);
    }

    /// <summary>
    /// A box alone, in date order, from the points in it: event_points lists them, and each is one
    /// range of the location index (longitude = x AND latitude = y), so only the box's own events are
    /// read and sorted. The longitude band of the box, over every latitude, held far more: at 1M, 6-12 ms
    /// of index entries for a box of a few hundred events, where its points take 0.1-0.5 ms.
    /// </summary>
    private static Matches AtPoints(
        EventFilter planned, EventSort sort, IReadOnlyList<object>? after, int limit)
    {
        var (_, parameters) = EventFilters.Build(planned); // binds the box's corners
        var keyset = Keyset(sort, after, parameters, seqColumn: "e.seq");
        // CROSS JOIN keeps the points first: SQLite would otherwise walk every event by date and probe the points.
        var page = $"""
            SELECT e.seq AS seq FROM event_points p CROSS JOIN events e ON e.longitude = p.longitude AND e.latitude = p.latitude
            WHERE p.longitude BETWEEN @min_lon AND @max_lon AND p.latitude BETWEEN @min_lat AND @max_lat AND {keyset}
            ORDER BY {sort.BySeq("e.seq")} LIMIT {limit + 1}
            """;
        return Matches.Picked(page, sort, parameters);
    }

    /// <summary>Every matching event in order, read lazily: for exports that stream in constant memory.</summary>
    public IEnumerable<EventRow> Stream(EventFilter filter, EventSort sort, IReadOnlyList<object>? after, int limit)
    {
        if (ChosenExport(filter, sort, after, OnePast(limit)) is { } parts) return ReadBySeq(parts, limit);
        // Read in order as they are found: an export of a million rows is never sorted or held whole.
        var (where, orderBy, parameters, _) = Matching(filter, sort, after, limit);
        var sql = $"""
            {ExportedEvents}
            WHERE {where}
            ORDER BY {orderBy}
            LIMIT {limit}
            """;
        return Read(sql, parameters);
    }

    /// <summary>
    /// The first <paramref name="count"/> events of an export chosen as its pages are, in parts (each
    /// after the last one's event), or null when SQL streams it: in date order from the criteria's
    /// sets (see below), where a page comes from them (FilterBitmaps.Page); in an order of two or three
    /// keys, or of a filter by one, in memory (SortedScan). SQL read more rows than these, or sorted
    /// every match before the first row, and twice (PageEnd, then Stream): at 1M, 0.39 s for a box's
    /// hundred events of seven years, 1.4 s for 5,000 events with a toll, 0.5 s for a type's 5,000
    /// deadliest, 3.5 s before an export of everything's 5,000 most reported events began.
    /// The parts are chosen as they are walked, so an export holds one part's seqs at a time: PageEnd
    /// walks them for where the export ends, and Stream again (the first part, chosen by PageEnd, kept).
    /// </summary>
    private IEnumerable<List<long>>? ChosenExport(EventFilter filter, EventSort sort, IReadOnlyList<object>? after, int count)
    {
        if (Bitmaps is not { } bitmaps) return null;
        var planned = Plan(filter);
        Func<long?, int, List<long>?> choose;
        // In date order: two criteria or more (a date range and a box count), a toll or a country, from
        // their sets where a page comes from them (FilterBitmaps.Page); one other criterion alone SQL
        // streams as fast (a region's 10,000 rows from the sets: the bench's exports 54-64 a second
        // against 64, and once 20 MB more RSS), and everything from the table. By one key, everything
        // streams from that key's index (5,000 rows of 1M in 50 ms).
        var criteria = EventFilters.Sets(planned).Count + (planned.Bbox is null ? 0 : 1) + (planned.From is null && planned.To is null ? 0 : 1);
        if (sort.IsStorageOrder && (criteria >= 2 || planned.MinFatalities is not null || planned.Countries.Count > 0))
            choose = (afterSeq, wanted) => bitmaps.Page(planned, sort.Keys[0].Descending, afterSeq, wanted);
        else if (SortedScan.Serves(sort) || (SortedScan.Orders(sort) && !filter.IsEmpty))
            choose = (afterSeq, wanted) => bitmaps.ScannedPage(planned, sort, afterSeq, wanted);
        else return null;
        // The first part tells whether the sets answer at all: a filter they leave to SQL gets none.
        if (firstPart is not { } known || !ReferenceEquals(known.Filter, filter) || !ReferenceEquals(known.Sort, sort)
            || !ReferenceEquals(known.After, after) || known.Count != count)
        {
            var afterSeq = after is null ? null : SeqOf(connection, (string)after[^1]);
            if (after is not null && afterSeq is null) return null;
            if (choose(afterSeq, Math.Min(exportPart, count)) is not { } first) return null;
            firstPart = known = (filter, sort, after, count, first);
        }
        return Parts(known.Seqs, choose, count);
    }

    private (EventFilter Filter, EventSort Sort, IReadOnlyList<object>? After, int Count, List<long> Seqs)? firstPart;

    /// <summary>The parts of an export from its first, each after the last one's event, until <paramref name="count"/> events or the last match.</summary>
    private IEnumerable<List<long>> Parts(List<long> first, Func<long?, int, List<long>?> choose, int count)
    {
        var (part, wanted, chosen) = (first, Math.Min(exportPart, count), 0);
        while (true)
        {
            yield return part;
            chosen += part.Count;
            if (part.Count < wanted || chosen >= count) yield break;
            wanted = Math.Min(exportPart, count - chosen);
            part = choose(part[^1], wanted) ?? throw new InvalidOperationException("the sets chose an export's first part but not the next");
        }
    }

    /// <summary>An export's events and the one after them (whether more follow), for PageEnd and Stream alike; no limit stays none.</summary>
    private static int OnePast(int limit) => limit == int.MaxValue ? limit : limit + 1;

    /// <summary>
    /// The events an export chooses in one part: a part's seqs (80 KB) stay off the large-object heap,
    /// and sorted in memory, each part walks the matches once (at 1M, 100 walks for everything, twice).
    /// In parts of 65,536, an export of a million rows by two keys left the server's RSS 20-50 MB
    /// higher (each part's seqs and heap on the large-object heap until a full collection), and took
    /// as long (4.1-4.4 s).
    /// </summary>
    public const int ExportPart = 10_000;

    /// <summary>
    /// The first <paramref name="limit"/> events of these parts as an export reads them, in their order,
    /// a thousand at a time: their stored JSON read as a page's is (DetailSlots), but not kept in the
    /// ring, into arrays of their own rather than the pool's (an export reads ahead, so its rows outlive
    /// the part); GeoJSON finds their coordinates in it (EventRow). A statement over json_each of the
    /// seqs, joined to the rows, took 50% longer for an oblast's 100,000 strikes (0.36 s, against
    /// 0.23 s from SQL's index).
    /// </summary>
    private IEnumerable<EventRow> ReadBySeq(IEnumerable<List<long>> parts, int limit)
    {
        var left = limit;
        foreach (var seqs in parts)
        {
            // (The parts run one past the export, for PageEnd: that one is not read, nor its part chosen.)
            if (left == 0) yield break;
            for (var at = 0; at < seqs.Count && left > 0; at += 1000)
            {
                var taken = Math.Min(Math.Min(1000, seqs.Count - at), left);
                left -= taken;
                var read = DetailSlots.Read(connection, DatasetVersion, Known.Slots ??= DetailSlots.Of(connection, DatasetVersion),
                    seqs.GetRange(at, taken), new RentedBytes(pooled: false), keep: false);
                foreach (var json in read) yield return new EventRow { Details = json };
            }
        }
    }

    /// <summary>Read column by column rather than mapped: an export's rows are most of its time.</summary>
    private IEnumerable<EventRow> Read(string sql, DynamicParameters parameters)
    {
        using var reader = connection.ExecuteReader(sql, parameters);
        while (reader.Read())
            yield return new EventRow
            {
                Id = reader.GetString(0),
                Latitude = reader.IsDBNull(1) ? null : reader.GetDouble(1),
                Longitude = reader.IsDBNull(2) ? null : reader.GetDouble(2),
                Details = (byte[])reader.GetValue(3),
            };
    }

    /// <summary>
    /// How many events match. Filters of one dimension (a region, a type or sub-types, an actor)
    /// with or without a date range are answered from the counts written at import (exact, and
    /// independent of the dataset's size); anything else is counted, from its criteria's sets
    /// (FilterBitmaps) or, when one criterion is small, by SQL.
    /// </summary>
    public long Count(EventFilter filter)
    {
        // Everything: seq numbers the events from 1 without gaps. COUNT(*) read every entry of an index (18 ms at 1M).
        if (filter.IsEmpty) return AllEvents();
        var planned = Plan(filter);
        if (filter with { Actors = [] } is { IsEmpty: true } && filter.Actors.Count == 1 && planned.ActorEvents is { } byActor) return byActor;
        if (CountedScopes(planned) is { } scopes) return CountFromRollup(planned, scopes);
        // Words alone: their set is kept (FilterBitmaps), so their count is not combined afresh each time.
        // A broad one without bitmaps is counted in its set, kept for its pages and the next requests.
        if (filter with { Query = null } is { IsEmpty: true }) return planned.QueryMatches
            ?? (planned.SearchWords is { } words ? Bitmaps?.Count(planned) ?? SearchBitmaps.Count(connection, words, AllEvents()) : null)
            ?? (planned.BroadQuery ? Bitmaps?.Count(planned) : null)
            ?? CountSearch(planned.Match);
        if (filter.IsBoxAlone && planned.BoxEvents is { } inBox) return inBox;
        if (Bitmaps?.Count(planned) is { } fromSets) return fromSets;
        // Actors and roles alone: their events are collected from event_actors, however broad; walking
        // every event and probing each took 2.9 s at 1M. When the actors under them are few, straight
        // from their ranges of event_actors_by_actor.
        if (planned.ActorsWithin is { } within)
        {
            var (roles, roleNames) = EventFilters.Roles(filter);
            return connection.ScalarPrepared<long>(
                $"SELECT COUNT(DISTINCT ea.event_seq) FROM event_actors ea WHERE ea.actor_id IN @within AND {roles}", new { within, roles = roleNames });
        }
        if (filter with { Actors = [], Roles = [] } is { IsEmpty: true }) planned = planned with { BroadActors = false };
        var (where, parameters) = EventFilters.Build(planned);
        // Counted once per connection, not again with each of the filter's pages: what no set or rollup
        // answers may read every event (precision=day at 1M: 0.11-0.13 s a request).
        return Known.Counts.Get([where, .. ParameterValues(parameters)],
            () => connection.ScalarPrepared<long>($"SELECT COUNT(*) FROM events e WHERE {where}", parameters));
    }

    /// <summary>Each parameter's name and value as text, lists item by item: with the WHERE, what a count depends on.</summary>
    private static IEnumerable<string> ParameterValues(DynamicParameters parameters) =>
        PreparedStatements.Values(parameters).SelectMany(p => p.Value is object?[] list ? list.Select(Text).Prepend(p.Name + "[]") : [p.Name, Text(p.Value)]);

    /// <summary>A value as text; NULL as a character no value holds (Convert gives it as "", the empty text's).</summary>
    private static string Text(object? value) => value is null ? "\0" : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// The event_counts scopes whose sum is the count of this filter, or null when it has other
    /// criteria. Types are disjoint, and so are sub-types, so their scopes add up.
    /// </summary>
    private static IReadOnlyList<string>? CountedScopes(EventFilter f)
    {
        var rest = f with { From = null, To = null, Within = false };
        if (rest.IsEmpty) return ["*"];
        if (rest with { Regions = [] } is { IsEmpty: true } && f.ResolvedRegions?.CountedScope is { } place) return ["place:" + place];
        if (rest with { Types = [] } is { IsEmpty: true }) return f.Types.Distinct().Select(t => "type:" + t).ToList();
        if (rest with { Subtypes = [] } is { IsEmpty: true }) return f.Subtypes.Distinct().Select(t => "subtype:" + t).ToList();
        return null;
    }

    private long CountFromRollup(EventFilter f, IReadOnlyList<string> scopes)
    {
        var from = f.From is { } start ? NodaTime.Text.LocalDatePattern.Iso.Format(start) : "0000-01-01";
        var to = f.To is { } end ? NodaTime.Text.LocalDatePattern.Iso.Format(end) : "9999-12-31";
        // Within: starts on or after `from` and ends by `to`, summed over the (start, end) pairs in range.
        if (f.Within)
            return connection.ScalarPrepared<long>(
                "SELECT COALESCE(SUM(events), 0) FROM event_counts WHERE scope IN @scopes AND date >= @from AND date <= @to AND date_end <= @to",
                new { scopes, from, to });
        // Overlap: from the running totals (see migration 0008), two seeks per scope.
        return scopes.Sum(scope => connection.ScalarPrepared<long>(OverlapTotal, new { scope, from, to }));
    }

    private const string OverlapTotal = """
        SELECT COALESCE((SELECT started FROM event_totals WHERE scope = @scope AND day <= @to ORDER BY day DESC LIMIT 1), 0)
             - COALESCE((SELECT ended FROM event_totals WHERE scope = @scope AND day < @from ORDER BY day DESC LIMIT 1), 0)
        """;

    private const string MatchingActors = """
        WITH matched AS (SELECT a.id, a.event_count_total FROM actors a
                         WHERE a.id IN @ids OR a.id IN (SELECT an.actor_id FROM actor_names an WHERE an.key IN @keys))
        """;

    private const string MatchingPlaces = """
        WITH matched AS (SELECT p.id, p.event_count FROM places p
                         WHERE p.id IN @ids OR p.id IN (SELECT pn.place_id FROM place_names pn WHERE pn.key IN @keys))
        """;

    private static object ActorParameters(EventFilter f) => new { ids = f.Actors, keys = f.Actors.Select(Dictionaries.NameKey.Fold).ToList() };

    private static object RegionParameters(EventFilter f) => new { ids = f.Regions, keys = f.Regions.Select(Dictionaries.NameKey.Fold).ToList() };

    /// <summary>
    /// What a filter needs from the dataset before it becomes SQL: the places its region values name,
    /// by level; whether its actors are broad (in more than 1/150 of all events: walked in order and
    /// probed, since a probe of event_actors costs a few microseconds while collecting a mid-sized
    /// actor's events means reading tens of thousands of rows for their dates; see EventFilter.BroadActors)
    /// and whether its search words are (in more than 2%, see BroadQuery); the longest event, to bound date scans.
    /// A request counts, pages and streams with one filter: it is planned once.
    /// </summary>
    private EventFilter Plan(EventFilter filter)
    {
        if (lastPlan is { } known && ReferenceEquals(known.Input, filter)) return known.Planned;
        var planned = filter;
        if (filter.From is not null && !filter.Within) planned = planned with { MaxSpanDays = MaxSpanDays() };
        if (filter.Regions.Count > 0) planned = planned with { ResolvedRegions = Known.Regions.Get(filter.Regions, () => ResolveRegions(filter.Regions)) };
        if (filter.Actors.Count > 0)
        {
            var (matched, share) = Known.ActorShares.Get(filter.Actors, () => connection.QueryPrepared<(long, long)>(
                MatchingActors + "\nSELECT COUNT(*), COALESCE(SUM(event_count_total), 0) FROM matched", ActorParameters(filter)).Single());
            // One actor matched: its own count (written at import) is the total when nothing else filters.
            planned = planned with { BroadActors = share * 150 > AllEvents(), ActorEvents = matched == 1 ? share : null };
            if (filter with { Actors = [], Roles = [] } is { IsEmpty: true })
            {
                // A page reads about limit entries merged from the actors' ranges, plus a cursor per actor;
                // a walk newest first reads about all/share rows per row of the page, each probed. Many
                // actors over a large share (a country's forces) are walked.
                var within = Known.ActorsWithin.Get(filter.Actors, () => connection.QueryPrepared<string>(
                    MatchingActors + "\nSELECT DISTINCT aa.actor_id FROM actor_ancestors aa WHERE aa.ancestor_id IN (SELECT id FROM matched) ORDER BY 1",
                    ActorParameters(filter)));
                // (Values that name no actor match nothing, as the filters' SQL says.)
                if (within.Count is > 0 and <= MaxActorsRead && within.Count * share <= 4 * AllEvents()) planned = planned with { ActorsWithin = within };
            }
        }
        if (filter.Query is not null)
        {
            // Plain words are looked up in the word counts written at import: whether the search is
            // broad is judged from them, and the exact total, unless they give it, is counted only if
            // the request needs one (Count), not on every page. Other words (the tokenizer may change
            // them) are counted once, and that count is kept as the total.
            var (match, words, exact, bound) = Known.Searches.Get([filter.Query], () => PlanSearch(filter.Query));
            planned = planned with { MatchExpression = match, SearchWords = words, QueryMatches = exact, BroadQuery = bound * 50 > AllEvents() };
        }
        if (filter.Bbox is { } box)
        {
            // Walking newest first reads about all/inBox rows per row of the page; sorting the box's
            // index entries reads inBox cheaper ones. Walk where inBox² > 400 all (2% of 1M, 20% of 10k).
            // The box's points are found once (PointSeqs); its events are summed over them.
            var points = Points.In(box);
            var inBox = Points.Events(points);
            planned = planned with
            {
                BoxPoints = points,
                BoxEvents = inBox,
                BroadBox = inBox * inBox > 400 * AllEvents(),
            };
        }
        lastPlan = (filter, planned);
        return planned;
    }

    private (string Match, IReadOnlyList<IReadOnlyList<string>>? Words, long? Exact, long? Bound) PlanSearch(string query)
    {
        var (match, words, exact, bound) = PlainSearch(query) ?? (FullText.ToMatchExpression(query), null, null, null);
        if (bound is null) exact = bound = CountSearch(match);
        return (match, words, exact, bound);
    }

    private long CountSearch(string match) => connection.ScalarPrepared<long>(
        "SELECT COUNT(*) FROM event_search WHERE event_search MATCH @match", new { match });

    /// <summary>A prefix that begins more indexed words than this stays a prefix in the MATCH expression.</summary>
    private const int MaxSpelledOut = 32;

    /// <summary>
    /// A search of plain words, from search_terms: its MATCH expression, with each prefix that begins
    /// a few words spelled out as them (FullText.SpelledOut); its words, a group per word of the query,
    /// when every prefix is spelled out (EventFilter.SearchWords); how many events it matches, when the
    /// counts say exactly (one word, or a prefix of one; none when a word is in no event); and at most
    /// how many: words are ANDed, so no more than the rarest, and a prefix no more than all the words
    /// it begins together. Null when a word is not one search_terms can look up as written (FullText.PlainTerms).
    /// </summary>
    private (string Match, IReadOnlyList<IReadOnlyList<string>>? Words, long? Exact, long? Bound)? PlainSearch(string query)
    {
        if (FullText.PlainTerms(query) is not { Count: > 0 } terms) return null;
        // A group per word: the word itself, or the words a prefix begins (null when too many to spell out).
        var words = new List<IReadOnlyList<string>?>();
        var bound = long.MaxValue;
        foreach (var (term, prefix) in terms)
        {
            if (!prefix)
            {
                words.Add([term]);
                bound = Math.Min(bound, connection.ScalarPrepared<long?>("SELECT events FROM search_terms WHERE term = @term", new { term }) ?? 0);
                continue;
            }
            var range = new { term, next = FullText.After(term) };
            var begun = connection.QueryPrepared<(string Word, long Events)>(
                $"SELECT term, events FROM search_terms WHERE term >= @term AND term < @next LIMIT {MaxSpelledOut + 1}", range);
            words.Add(begun.Count <= MaxSpelledOut ? begun.Select(b => b.Word).ToList() : null);
            bound = Math.Min(bound, begun.Count <= MaxSpelledOut ? begun.Sum(b => b.Events)
                : connection.ScalarPrepared<long>("SELECT SUM(events) FROM search_terms WHERE term >= @term AND term < @next", range));
        }
        var exact = words is [{ Count: <= 1 }] || bound == 0 ? bound : (long?)null;
        var spelledOut = words.All(w => w is not null) ? words.Select(w => w!).ToList() : null;
        return (FullText.SpelledOut(terms, words), spelledOut, exact, bound);
    }

    /// <summary>
    /// What a request needs to know of the whole file: its version (in every response's header, ETag
    /// and cursor) and, for the planner, its size and longest event. A file never changes (an import
    /// writes a new one) and a connection reads one file for its life, so these are read once per
    /// (pooled) connection rather than by more statements in every request.
    /// </summary>
    private sealed class FileFacts
    {
        public string? Version;
        public long? AllEvents;
        public int? MaxSpanDays;
        public int[]? Slots;
        public PointSeqs? Points;

        /// <summary>The unfiltered timelines asked for so far, by interval and group: each is the same for the life of the file.</summary>
        public readonly Dictionary<(string Interval, string? GroupBy), IReadOnlyList<TimelineRow>> Timelines = [];

        // What the planner looked up for the filters' values: a statement or two a value, on every
        // request, were a fifth of a region page's CPU at 1M.
        public readonly ResolvedValues<ResolvedRegions> Regions = new();
        public readonly ResolvedValues<(long Matched, long Share)> ActorShares = new();
        public readonly ResolvedValues<IReadOnlyList<string>> ActorsWithin = new();
        public readonly ResolvedValues<(string Match, IReadOnlyList<IReadOnlyList<string>>? Words, long? Exact, long? Bound)> Searches = new();

        /// <summary>Counts SQL made, by WHERE and values; few, since each key holds a statement's text (64 connections at most are kept).</summary>
        public readonly ResolvedValues<long> Counts = new(kept: 64);
    }

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, FileFacts> Facts = new();

    private FileFacts Known => Facts.GetValue(connection.Handle ?? throw new InvalidOperationException("the connection is not open"), _ => new FileFacts());

    /// <summary>The dataset version of the file this connection reads.</summary>
    public string DatasetVersion => Known.Version ??= Metadata().GetValueOrDefault("version", "unknown");

    /// <summary>The located events' seqs by point (read once per file, on the first box asked for).</summary>
    private PointSeqs Points => Known.Points ??= PointSeqs.Of(connection, DatasetVersion);

    /// <summary>The seq of a cursor's event, by its id (a cursor is signed for one dataset version, whose events it names).</summary>
    internal static long? SeqOf(SqliteConnection connection, string? id) =>
        id is null ? null : connection.ScalarPrepared<long?>("SELECT seq FROM events WHERE id = @id", new { id });

    private long AllEvents() => Known.AllEvents ??= connection.ScalarPrepared<long>("SELECT COALESCE(MAX(seq), 0) FROM events");

    private int MaxSpanDays() => Known.MaxSpanDays ??= connection.ScalarPrepared<int?>("SELECT CAST(value AS INTEGER) FROM dataset WHERE key = 'max_span_days'") ?? 36_600;

    private sealed record NamedPlace(string Id, string Level);

    private static int LevelRank(string level) => level switch { "world_region" => 3, "country" => 2, "admin1" => 1, _ => 0 };

    private ResolvedRegions ResolveRegions(IReadOnlyList<string> regions)
    {
        // A name shared by places of different levels means the largest: "Donetsk" is the oblast, not
        // also the town in Rostov oblast (namesakes of one level all count: two Pokrovsks are both meant).
        var named = regions.SelectMany(region =>
        {
            var matches = connection.QueryPrepared<NamedPlace>(MatchingPlaces + "\nSELECT m.id, p.level FROM matched m JOIN places p ON p.id = m.id ORDER BY m.id",
                RegionParameters(new EventFilter { Regions = [region] }));
            var exact = matches.Where(p => p.Id == region).ToList();
            if (exact.Count > 0) return exact;
            var largest = matches.Count == 0 ? 0 : matches.Max(p => LevelRank(p.Level));
            return matches.Where(p => LevelRank(p.Level) == largest);
        }).Distinct().ToList();
        // Across values, a place inside another named one adds nothing (region=Ukraine&region=Kharkiv),
        // and leaving it out keeps the filter on one index (and its count on the running totals).
        var contained = named.Count < 2 ? [] : connection.QueryPrepared<string>("""
            SELECT pa.place_id FROM place_ancestors pa
            WHERE pa.place_id IN @ids AND pa.ancestor_id IN @ids AND pa.ancestor_id <> pa.place_id
            """, new { ids = named.Select(p => p.Id).ToList() }).ToHashSet(StringComparer.Ordinal);
        named = named.Where(p => !contained.Contains(p.Id)).ToList();
        var worldRegions = named.Where(p => p.Level == "world_region").Select(p => p.Id).ToList();
        var countriesInWorldRegions = worldRegions.Count == 0 ? [] : connection.QueryPrepared<string>("""
            SELECT pa.place_id FROM place_ancestors pa JOIN places c ON c.id = pa.place_id
            WHERE pa.ancestor_id IN @ids AND c.level = 'country'
            """, new { ids = worldRegions });
        var counted = named.Count == 1 && named[0].Level != "settlement" ? named[0].Id : null;
        return new ResolvedRegions(
            named.Where(p => p.Level == "admin1").Select(p => p.Id).ToList(),
            named.Where(p => p.Level == "country").Select(p => p.Id).Concat(countriesInWorldRegions).Distinct().Order(StringComparer.Ordinal).ToList(),
            // A world region's own events (placed at the region itself) and settlements go through the closure.
            named.Where(p => p.Level is "settlement" or "world_region").Select(p => p.Id).ToList())
        { CountedScope = counted };
    }

    private (EventFilter Input, EventFilter Planned)? lastPlan;

    private FilterBitmaps? bitmaps;

    /// <summary>Filters of several criteria, answered from their sets of seqs; null for the tests that compare SQL's answers.</summary>
    private FilterBitmaps? Bitmaps => setsEnabled ? bitmaps ??= new FilterBitmaps(connection, DatasetVersion, AllEvents()) : null;

    /// <summary>
    /// Gives back the arrays the last filter's sets were collected in (kept for its page after its count),
    /// and those the stored JSON of its pages was read into: their rows are not to be read after this.
    /// </summary>
    public void Dispose()
    {
        bitmaps?.Dispose();
        details.Dispose();
    }

    public EventRow? ById(string id) => Stored(Seqs("SELECT seq FROM events WHERE id = @id", new { id })).SingleOrDefault();

    /// <summary>
    /// Rows strictly after the cursor position in the sort order: (k1 > v1) OR (k1 = v1 AND k2 > v2) ...
    /// with &lt; for descending keys, or a range of <paramref name="seqColumn"/> when the query reads
    /// in seq order. The values are bound as parameters.
    /// </summary>
    private static string Keyset(EventSort sort, IReadOnlyList<object>? after, DynamicParameters parameters, string? seqColumn)
    {
        if (after is null) return "1";
        var keys = sort.WithTieBreaker;
        if (seqColumn is not null)
        {
            // In storage order the cursor's (date, id) is a position in seq order: a range of rowids, not a filter on every row.
            parameters.Add("after_id", after[1]);
            return $"{seqColumn} {(keys[0].Descending ? "<" : ">")} (SELECT k.seq FROM events k WHERE k.id = @after_id)";
        }
        var alternatives = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            var terms = new List<string>();
            for (var j = 0; j < i; j++) terms.Add($"{EventSort.Columns[keys[j].Key]} = @k{j}");
            terms.Add($"{EventSort.Columns[keys[i].Key]} {(keys[i].Descending ? "<" : ">")} @k{i}");
            alternatives.Add("(" + string.Join(" AND ", terms) + ")");
        }
        for (var i = 0; i < keys.Count; i++) parameters.Add($"k{i}", after[i]);
        return "(" + string.Join(" OR ", alternatives) + ")";
    }

    /// <summary>The sort values of a row, in the order of the sort's keys: what a cursor stores.</summary>
    public static IReadOnlyList<object> SortValues(EventRow row, EventSort sort) => SortValues(row.Keys, sort);

    private static IReadOnlyList<object> SortValues(SortKeys row, EventSort sort) => sort.WithTieBreaker.Select(k => k.Key switch
    {
        "date" => (object)row.Date,
        "fatalities" => row.Fatalities ?? -1,
        "source_count" => row.SourceCount,
        _ => row.Id,
    }).ToList();

    /// <summary>
    /// Where a streamed page ends without reading it: the sort values of its last row (for the next
    /// cursor), and whether any row follows. Exports send the Link header before their body.
    /// </summary>
    public (IReadOnlyList<object>? Last, bool HasMore) PageEnd(EventFilter filter, EventSort sort, IReadOnlyList<object>? after, int limit)
    {
        if (ChosenExport(filter, sort, after, OnePast(limit)) is { } parts)
        {
            var (chosen, last) = (0L, (long?)null);
            foreach (var part in parts)
            {
                if (chosen < limit && chosen + part.Count >= limit) last = part[(int)(limit - 1 - chosen)];
                chosen += part.Count;
            }
            // The last event's keys from its stored JSON, as a page's cursor has them.
            return last is { } seq ? (SortValues(Stored([seq])[0], sort), chosen > limit) : (null, false);
        }
        var (where, orderBy, parameters, _) = Matching(filter, sort, after, limit);
        var sql = $"""
            SELECT e.id, e.date, e.fatalities, e.source_count
            FROM events e
            WHERE {where}
            ORDER BY {orderBy}
            LIMIT 2 OFFSET {limit - 1}
            """;
        // Not kept prepared: an export's limit is any number up to a million, so its SQL is seldom the same twice.
        var rows = connection.Query<(string Id, string Date, int? Fatalities, int SourceCount)>(sql, parameters)
            .Select(r => new SortKeys(r.Id, r.Date, r.Fatalities, r.SourceCount)).ToList();
        return rows.Count == 0 ? (null, false) : (SortValues(rows[0], sort), rows.Count == 2);
    }

    /// <summary>Period expressions of the timeline, by interval; weeks start on Monday (ISO).</summary>
    public static readonly IReadOnlyDictionary<string, string> Periods = new Dictionary<string, string>
    {
        ["day"] = "e.date",
        ["week"] = "date(e.date, '-' || ((CAST(strftime('%w', e.date) AS INTEGER) + 6) % 7) || ' days')",
        ["month"] = "substr(e.date, 1, 7)",
        ["year"] = "substr(e.date, 1, 4)",
    };

    /// <summary>Group expressions of the timeline, by group_by.</summary>
    public static readonly IReadOnlyDictionary<string, string> Groups = new Dictionary<string, string>
    {
        ["type"] = "e.type",
        ["subtype"] = "e.subtype",
        ["country"] = "e.country_id",
        ["admin1"] = "(SELECT a1.name FROM places a1 WHERE a1.id = e.admin1_id)",
        ["actor"] = "ea.actor_id",
    };

    /// <summary>Counts and fatalities of matching events per period (by each event's start date), optionally per group.</summary>
    public IReadOnlyList<TimelineRow> Timeline(EventFilter filter, string interval, string? groupBy)
    {
        if (filter.IsEmpty && RolledUpTimeline(interval, groupBy) is { } fromRollup)
        {
            // Kept per connection: summing a rollup (at 1M the months' 2,300 rows, 1-2 ms; the days' 48,000 for
            // weeks, a few tens of ms) would be most of what each of a dashboard's requests costs.
            var timelines = Known.Timelines;
            if (!timelines.TryGetValue((interval, groupBy), out var rolledUp))
                timelines[(interval, groupBy)] = rolledUp = connection.QueryPrepared<TimelineRow>(fromRollup);
            return rolledUp;
        }
        if (Bitmaps?.Timeline(Plan(filter), interval, groupBy) is { } fromSets) return fromSets;
        var (where, parameters) = EventFilters.Build(Plan(filter));
        var group = groupBy is null ? "NULL" : Groups[groupBy];
        var join = groupBy == "actor" ? "JOIN event_actors ea ON ea.event_seq = e.seq" : "";
        // An event is one row unless it is joined to its actors (which may name one actor twice).
        var events = groupBy == "actor" ? "COUNT(DISTINCT e.seq)" : "COUNT(*)";
        var sql = $"""
            SELECT {Periods[interval]} AS period, {group} AS grp,
                   {events} AS events, COALESCE(SUM(e.fatalities), 0) AS fatalities
            FROM events e {join}
            WHERE {where}
            GROUP BY period, grp
            ORDER BY period, grp
            """;
        return connection.QueryPrepared<TimelineRow>(sql, parameters);
    }

    /// <summary>
    /// The statement that sums the unfiltered timeline from the rollups written at import (migration
    /// 0003, and the writer's ActorTallies for actor_month_counts: the same rows as grouping every
    /// event), or null for a grouping they do not hold (by
    /// country or region; by actor per day or week).
    /// </summary>
    private static string? RolledUpTimeline(string interval, string? groupBy)
    {
        // The monthly rollups' period, of their month column; the daily one's is the events' own (on e.date).
        var ofMonth = interval switch { "month" => "month", "year" => "substr(month, 1, 4)", _ => null };
        var (rollup, period, group) = (groupBy, ofMonth) switch
        {
            (null or "type" or "subtype", not null) => ("month_counts", ofMonth, groupBy ?? "NULL"),
            (null or "type" or "subtype", null) => ("day_type_counts e", Periods[interval], groupBy ?? "NULL"),
            ("actor", not null) => ("actor_month_counts", ofMonth, "actor_id"),
            _ => default,
        };
        return rollup is null ? null : $"""
            SELECT {period} AS period, {group} AS grp, SUM(events) AS events, SUM(fatalities) AS fatalities
            FROM {rollup}
            GROUP BY period, grp
            ORDER BY period, grp
            """;
    }

    public IReadOnlyDictionary<string, string> Metadata()
    {
        return connection.QueryPrepared<(string Key, string Value)>("SELECT key, value FROM dataset").ToDictionary(r => r.Key, r => r.Value);
    }
}
