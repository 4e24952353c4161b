using System.Buffers;
using System.Collections;
using System.Numerics;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>
/// Filters of several criteria, answered from sets of seqs: each criterion's events as a bitmap over
/// seq (read from its index, or a search's from search_bitmaps), the date range as a range of seq
/// (events are stored in date order) with its fringes fixed from long_events, all ANDed a 64-bit word
/// at a time. The total is a count of bits, and a page in date order the next set bits after the
/// cursor's seq. SQL counts such a filter by walking one criterion's index and probing the others on
/// each entry: at 1M, 0.14-0.6 s for two broad criteria, 2.4 s for a common word and an actor; and
/// SQLite collects a common word's matches (half the events, for "drone*") again on every page.
/// Sets of a criterion's values (a region, a type, an actor and roles, a search's words) are kept for
/// later requests (KeptSets); a box's is not, nor that of a search the full-text index answers whole
/// (not ASCII, a prefix of too many words to spell out) unless it is broad. A common oblast's,
/// country's, type's or sub-type's set is read from filter_sets, written at import, and so is every
/// precision's (of dates, of places), which no index lists.
/// </summary>
/// <param name="events">The file's events: seqs run from 1 to this, without gaps.</param>
public sealed class FilterBitmaps(SqliteConnection connection, string version, long events) : IDisposable
{
    private readonly int longs = (int)((events + 63) / 64);

    /// <summary>
    /// The sets last collected, for the filter they were collected for: a first page asks for its
    /// total and then its rows, and both are answered from one collection (reading a search's words,
    /// filling the date range) rather than two.
    /// </summary>
    private (EventFilter Planned, FilterMatches Matches)? collected;

    /// <summary>
    /// Whether a filter is better answered here than by SQL: every criterion has an index that lists
    /// its events, and none is so small that SQL, led by it, reads few rows (an actor in under 1/150 of
    /// all events, a few documents' events). A box's set is made for each request (its corners are
    /// seldom asked for twice) from its points' seqs, in memory, whatever its size: read from the
    /// location index it took 24-375 ms at 1M for a box with a type or a date, and SQL's walk took as long.
    /// </summary>
    private static bool Suits(EventFilter planned) =>
        !(planned.Actors.Count > 0 && !planned.BroadActors) && planned.Sources.Count == 0;

    /// <summary>How many events match, or null when the filter is left to SQL.</summary>
    public long? Count(EventFilter planned) => Suits(planned) ? Collected(planned).Count() : null;

    /// <summary>
    /// The first <paramref name="count"/> seqs in date order after the cursor's event, or null when the
    /// filter is left to SQL: one criterion's own index walks its events in date order (a region's
    /// date range, say) at least as fast, unless it is a search, whose matches SQL collects each time,
    /// a box, which no index lists by date, an actor in a date range (SQL walked the range newest
    /// first and probed each event's actors: at 1M, 80 ms for a regiment in a role it had in none of
    /// the range's 150,000 events, 40 ms for a page of 1,000 of a country's), or a toll: its index is
    /// in the order of fatalities, and at 1M SQL read all 300,000 events with one (min_fatalities=1) and
    /// sorted them by date, 0.58 s a page, where walking the date index and reading each row came out
    /// dearer still in SQLite's estimate;
    /// or a criterion no one index lists in date order (a settlement, a world region, a precision:
    /// EventFilters.Unordered);
    /// or a broad search that no bitmaps answer (a prefix of many words, "a*"): FTS5 collects every
    /// match of a prefix before its first row, 0.5 s at 1M for each page, where its kept set pages at once;
    /// or a search of several words, whose matches FTS5 walks together (Words).
    /// (A box alone is merged from its points: EventQueries.Page.)
    /// </summary>
    public List<long>? Page(EventFilter planned, bool descending, long? afterSeq, int count)
    {
        if (!Suits(planned)) return null;
        var dated = planned.From is not null || planned.To is not null;
        var counted = EventFilters.Sets(planned).Count + (planned.Bbox is not null ? 1 : 0);
        var bySets = counted >= 2 || (dated && (planned.Query is not null || planned.Bbox is not null || planned.Actors.Count > 0)) || planned.MinFatalities is not null
            || EventFilters.Unordered(planned) || (planned.Query is not null && planned.BroadQuery && planned.SearchWords is null)
            || (planned.Query is not null && planned.SearchWords is { Count: > 1 });
        if (!bySets) return null;
        var matches = Collected(planned);
        // Descending, the page starts below the cursor's seq; ascending, above it.
        return descending ? matches.Down((afterSeq ?? events + 1) - 1, count) : matches.Up((afterSeq ?? 0) + 1, count);
    }

    /// <summary>
    /// Every matching seq, in storage order, when there are at most <paramref name="most"/>; null when
    /// there are more, or the filter is left to SQL.
    /// </summary>
    public List<long>? Few(EventFilter planned, int most)
    {
        if (!Suits(planned)) return null;
        var matches = Collected(planned);
        return matches.Count() <= most ? matches.Up(1, most) : null;
    }

    /// <summary>
    /// A page sorted by fatalities or by sources (then id, the same way), after the cursor's values, or
    /// null when the filter is left to SQL: the sort's own index is walked in order from the cursor and
    /// each entry's seq looked up in the matches, a bit, until the page is full. SQL, led by one
    /// criterion's index, sorted all its matches instead, or walked the sort's index reading rows:
    /// 17-290 ms at 1M for a box with a type, a search in an oblast, a type in a date range. A filter
    /// whose matches are so few that the walk would read more than <see cref="MaxWalked"/> entries
    /// (about page size / share of all events) is left to SQL.
    /// </summary>
    public List<long>? SortedPage(EventFilter planned, EventSort sort, IReadOnlyList<object>? after, int count)
    {
        if (!WalksSort(sort) || sort.WithTieBreaker is not [(var key, var descending), _]) return null;
        if (planned.IsEmpty || Count(planned) is not { } total) return null;
        var matches = Collected(planned);
        if (total == 0) return [];
        if ((double)count * events / total > MaxWalked) return null;
        var (column, direction, beyond) = (EventSort.Columns[key], descending ? "DESC" : "ASC", descending ? "<" : ">");
        // The cursor as a range of the index's first column, then the tie on it broken by id.
        var keyset = after is null ? "1" : $"{column} {beyond}= @k0 AND ({column} {beyond} @k0 OR e.id {beyond} @k1)";
        using var reader = connection.ReadPrepared(
            $"SELECT e.seq FROM events e WHERE {keyset} ORDER BY {column} {direction}, e.id {direction} LIMIT {MaxWalked}",
            after is null ? null : new { k0 = after[0], k1 = after[1] });
        var (seqs, walked) = (new List<long>(count), 0);
        while (seqs.Count < count && reader.Read())
        {
            walked++;
            var seq = reader.GetInt64(0);
            if (matches.Contains(seq)) seqs.Add(seq);
        }
        // The matches lay further along the sort than their share promised: SQL finishes the page.
        return seqs.Count < count && walked == MaxWalked ? null : seqs;
    }

    /// <summary>
    /// A page in an order of the date, fatalities and sources (SortedScan.Orders), chosen in memory
    /// from the matches (every event for no filter), or null when the filter is left to SQL.
    /// </summary>
    public List<long>? ScannedPage(EventFilter planned, EventSort sort, long? afterSeq, int count)
    {
        if (!Suits(planned)) return null;
        var (calendar, planes) = (SeqCalendar.Of(connection, version), SortKeyPlanes.Of(connection, version, events));
        var ranks = SortedScan.Dated(sort) ? null : EventIdRanks.Of(connection, version);
        return SortedScan.Page(Collected(planned), events, sort, afterSeq, count, calendar, planes, ranks);
    }

    /// <summary>Whether a page in this order can be found by walking the sort's index (SortedPage): by fatalities or sources alone, then id the same way.</summary>
    public static bool WalksSort(EventSort sort) =>
        sort.WithTieBreaker is [("fatalities" or "source_count", var descending), ("id", var byId)] && byId == descending;

    /// <summary>The most index entries a sorted page walks (at 1M, about 30 ms of reading).</summary>
    private const int MaxWalked = 100_000;

    /// <summary>
    /// Counts and fatalities of the matching events per period, by type, sub-type, oblast, country or
    /// actor or not grouped; null when the filter is left to SQL. Each period is a range of seq
    /// (SeqCalendar), each group value a kept set: the matches are counted a word at a time, in one pass
    /// over the words, and their fatalities from the bit planes of fatalities, where SQL grouped every
    /// matching row (at 1M, 0.2-2.4 s for a region's, an actor's or a search's months). By actor, each
    /// match's actors are looked up in memory (EventActorLists).
    /// </summary>
    public IReadOnlyList<TimelineRow>? Timeline(EventFilter planned, string interval, string? groupBy)
    {
        // SQL groups every match of a box too (at 1M, 0.93 s for a box of 440,000 events by month, 0.16 s here).
        // An actor under 1/150 of the events too (Suits leaves its pages to SQL): SQL grouped each of its
        // events on every request, 2 µs an event (11 ms for 5,000 at 1M), where its set is read once and kept.
        if (groupBy is not (null or "type" or "subtype" or "admin1" or "country" or "actor") || planned.Sources.Count > 0) return null;
        var calendar = SeqCalendar.Of(connection, version);
        if (groupBy == "actor")
            return EventActorLists.Of(connection, version, events) is { } actors ? ByActor(Collected(planned), calendar, interval, actors) : null;
        var matches = Collected(planned);
        var rented = new List<ulong[]>();
        try
        {
            return Timeline(matches, calendar, interval, Groups(groupBy, calendar, rented));
        }
        finally
        {
            foreach (var bits in rented) ArrayPool<ulong>.Shared.Return(bits);
        }
    }

    private static List<TimelineRow> Timeline(FilterMatches matches, SeqCalendar calendar, string interval, List<(string? Value, ulong[]? Members)> groups)
    {
        var (planes, anyFatalities) = (calendar.FatalityPlanes, calendar.AnyFatalities);
        // The group of events without a value (no oblast, say) takes what the others leave, so it is shared out last.
        var sharing = Enumerable.Range(0, groups.Count).OrderBy(g => groups[g].Members is null ? 1 : 0).ToArray();
        var periods = calendar.Periods(interval);
        var counts = new long[periods.Count * groups.Count];
        var fatalities = new long[periods.Count * groups.Count];
        var period = 0;
        for (var w = matches.FirstWord; w <= matches.LastWord; w++)
        {
            var rest = matches.WordOfAll(w);
            while (rest != 0)
            {
                // The period of the word's lowest match, and the matches the word holds of that period.
                var seq = w * 64L + BitOperations.TrailingZeroCount(rest) + 1;
                while (period < periods.Count && periods[period].Last < seq) period++;
                if (period == periods.Count) break;
                var inPeriod = rest & SeqBits.Within(w, periods[period].First, periods[period].Last);
                rest &= ~inPeriod;
                // Each event has one type, one sub-type, at most one oblast and one country: the groups share
                // out the period's matches, and stop when none are left.
                for (var i = 0; i < sharing.Length && inPeriod != 0; i++)
                {
                    var g = sharing[i];
                    var members = groups[g].Members;
                    var word = members is null ? inPeriod : inPeriod & members[w];
                    if (word == 0) continue;
                    inPeriod &= ~word;
                    var at = period * groups.Count + g;
                    counts[at] += BitOperations.PopCount(word);
                    if ((word & anyFatalities[w]) == 0) continue;
                    for (var k = 0; k < planes.Length; k++) fatalities[at] += (long)BitOperations.PopCount(word & planes[k][w]) << k;
                }
            }
        }
        // As SQL orders them: by period, then group (the groups are in order).
        var rows = new List<TimelineRow>();
        for (var p = 0; p < periods.Count; p++)
            for (var g = 0; g < groups.Count; g++)
                if (counts[p * groups.Count + g] is var count and > 0)
                    rows.Add(new TimelineRow { Period = periods[p].Period, Grp = groups[g].Value, Events = count, Fatalities = fatalities[p * groups.Count + g] });
        return rows;
    }

    /// <summary>
    /// The matches' counts and fatalities per period and actor, as SQL groups the matches joined to their
    /// actors: an event counts once for each actor it names, and its fatalities once for each of its rows
    /// (an actor in two roles, twice). Periods are walked in order, each period's actors gathered apart.
    /// </summary>
    private static List<TimelineRow> ByActor(FilterMatches matches, SeqCalendar calendar, string interval, EventActorLists actors)
    {
        var (planes, anyFatalities) = (calendar.FatalityPlanes, calendar.AnyFatalities);
        var periods = calendar.Periods(interval);
        var (counts, fatalities, named) = (new long[actors.Ids.Count], new long[actors.Ids.Count], new List<int>());
        var rows = new List<TimelineRow>();
        var period = 0;
        for (var w = matches.FirstWord; w <= matches.LastWord && period < periods.Count; w++)
            for (var word = matches.WordOfAll(w); word != 0; word &= word - 1)
            {
                var bit = BitOperations.TrailingZeroCount(word);
                var seq = w * 64L + bit + 1;
                for (; period < periods.Count && periods[period].Last < seq; period++) Flush(periods[period].Period);
                if (period == periods.Count) break;
                var died = (anyFatalities[w] >> bit & 1) != 0 ? SeqBits.Count(planes, w, bit) : 0;
                var (from, to) = actors.RowsOf(seq);
                for (var row = from; row < to; row++)
                {
                    var actor = actors.ActorAt(row);
                    fatalities[actor] += died;
                    if (NamedEarlier(actors, from, row, actor)) continue;
                    // Counted already in the period, or named for the first time in it.
                    if (counts[actor]++ == 0) named.Add(actor);
                }
            }
        if (period < periods.Count) Flush(periods[period].Period);
        return rows;

        void Flush(string name)
        {
            named.Sort();
            foreach (var actor in named)
            {
                rows.Add(new TimelineRow { Period = name, Grp = actors.Ids[actor], Events = counts[actor], Fatalities = fatalities[actor] });
                (counts[actor], fatalities[actor]) = (0, 0);
            }
            named.Clear();
        }
    }

    /// <summary>Whether an event's row before <paramref name="row"/> names the same actor (its events count it once).</summary>
    private static bool NamedEarlier(EventActorLists actors, int from, int row, int actor)
    {
        for (var earlier = from; earlier < row; earlier++)
            if (actors.ActorAt(earlier) == actor) return true;
        return false;
    }

    /// <summary>
    /// The values of a timeline's grouping in SQL's order, each with its set, kept as a filter of that
    /// value keeps it (and shared with such filters): a type's or sub-type's; an oblast's under its name,
    /// as SQL groups them (two oblasts of one name make one set), and a country's under its id, after a
    /// group (null members) of the events without one. One group of all without a grouping.
    /// </summary>
    private List<(string? Value, ulong[]? Members)> Groups(string? groupBy, SeqCalendar calendar, List<ulong[]> rented)
    {
        switch (groupBy)
        {
            case null:
                return [(null, null)];
            case "type" or "subtype":
                return (groupBy == "type" ? calendar.Types : calendar.Subtypes)
                    .Select(value => ((string?)value, (ulong[]?)SetOf(groupBy == "type" ? new EventFilter { Types = [value] } : new EventFilter { Subtypes = [value] }, rented)))
                    .ToList();
            default:
                return (groupBy == "admin1" ? calendar.Admin1s : calendar.Countries).GroupBy(p => p.Label, StringComparer.Ordinal).Select(named =>
                {
                    var ids = named.Select(p => p.Id).ToList();
                    var regions = groupBy == "admin1" ? new ResolvedRegions(ids, [], []) : new ResolvedRegions([], ids, []);
                    return ((string?)named.Key, (ulong[]?)SetOf(new EventFilter { Regions = [named.Key], ResolvedRegions = regions }, rented));
                }).Prepend((null, null)).ToList();
        }
    }

    /// <summary>The kept set of a filter of one criterion (written at import for a common value), as a bitmap; one rented is added to <paramref name="rented"/>.</summary>
    private ulong[] SetOf(EventFilter filter, List<ulong[]> rented)
    {
        var (sql, parameters, _, stored) = EventFilters.Sets(filter)[0];
        var bits = Kept(sql, parameters, stored).Bitmap(longs, out var isRented);
        if (isRented) rented.Add(bits);
        return bits;
    }

    /// <summary>The sets collected for this filter (the same planned filter: a request's), kept until the next filter's or Dispose.</summary>
    private FilterMatches Collected(EventFilter planned)
    {
        if (collected is { } known && ReferenceEquals(known.Planned, planned)) return known.Matches;
        Dispose();
        var matches = Collect(planned);
        collected = (planned, matches);
        return matches;
    }

    /// <summary>Gives the rented sets of the last collection back to the pool.</summary>
    public void Dispose()
    {
        collected?.Matches.Dispose();
        collected = null;
    }

    /// <summary>The sets of every criterion and of the date range.</summary>
    private FilterMatches Collect(EventFilter planned)
    {
        // Plain words from their sets (Words); other searches (not ASCII, a prefix of too many words) from the full-text index.
        var words = planned.SearchWords is { } groups ? Words(groups) : null;
        var criteria = EventFilters.Sets(words is null ? planned : planned with { Query = null });
        var matches = new FilterMatches(events);
        foreach (var set in words ?? []) matches.Add(set);
        try
        {
            foreach (var (sql, parameters, kept, stored) in criteria)
            {
                if (kept) matches.Add(Kept(sql, parameters, stored));
                else matches.Add(Read(sql, parameters, Rented()), rented: true);
            }
            if (planned.Bbox is not null)
            {
                var points = planned.BoxPoints ?? throw new InvalidOperationException("box filters are planned by EventQueries.Plan before their sets are made");
                matches.Add(PointSeqs.Of(connection, version).Mark(points, Rented()), rented: true);
            }
            if (Dates(planned) is var (dates, firstWord, lastWord))
            {
                matches.Add(dates, rented: true);
                matches.Restrict(firstWord, lastWord);
            }
            return matches;
        }
        catch
        {
            // A read stopped (the request's time ran out, its client left): the rented sets go back.
            matches.Dispose();
            throw;
        }
    }

    private ulong[] Rented()
    {
        var bits = ArrayPool<ulong>.Shared.Rent(longs);
        Array.Clear(bits);
        return bits;
    }

    /// <summary>Sets the bit of every seq the statement lists (in its first column).</summary>
    private ulong[] Read(string sql, DynamicParameters parameters, ulong[] bits)
    {
        using var reader = connection.ReadPrepared(sql, parameters);
        while (reader.Read()) SeqBits.Set(bits, reader.GetInt64(0));
        return bits;
    }

    /// <summary>
    /// The events in the date range: the seqs of those that start in it, and those that start before
    /// it and end in it (overlap, the default), or without those that end after it (within); and the
    /// words they lie in, the only ones of the set that are cleared and filled. Null without dates.
    /// </summary>
    private (ulong[] Bits, int FirstWord, int LastWord)? Dates(EventFilter f)
    {
        if (f.From is null && f.To is null) return null;
        var calendar = SeqCalendar.Of(connection, version);
        var first = f.From is { } from ? calendar.FirstOn(from) : 1;
        var last = f.To is { } to ? calendar.LastOn(to) : events;
        // Only a long event can start before the range and end in it. Found first, since they widen the words the set spans.
        var before = !f.Within && f.From is { } overlapped ? calendar.Long.EndingFrom(first, SeqCalendar.Day(overlapped)) : [];
        var firstWord = (int)Math.Max(0, ((before.Count > 0 ? Math.Min(first, before.Min()) : first) - 1) >> 6);
        var lastWord = (int)Math.Min(longs - 1, (last - 1) >> 6);
        var bits = ArrayPool<ulong>.Shared.Rent(longs);
        if (lastWord >= firstWord) Array.Clear(bits, firstWord, lastWord - firstWord + 1);
        SeqBits.SetRange(bits, first, last);
        foreach (var seq in before) SeqBits.Set(bits, seq);
        if (f.Within && f.To is { } within)
        {
            // Only a long event can start in the range and end after it.
            foreach (var seq in calendar.Long.EndingAfter(first, last, SeqCalendar.Day(within))) SeqBits.Clear(bits, seq);
        }
        return (bits, firstWord, lastWord);
    }

    /// <summary>A criterion's set, kept (KeptSets): a stored one if its value is common, else read from its index.</summary>
    private KeptSet Kept(string sql, DynamicParameters parameters, string? stored) =>
        KeptSets.Get(Key(sql, parameters), longs * 8L, () =>
            stored is not null && Stored(stored) is { } bits ? KeptSet.OfBitmap(bits) : Filled(bits => Read(sql, parameters, bits)));

    /// <summary>A set filled into a rented bitmap, kept as KeptSet.Of keeps it; the bitmap goes back to the pool.</summary>
    private KeptSet Filled(Action<ulong[]> fill)
    {
        var bits = Rented();
        try
        {
            fill(bits);
            return KeptSet.Of(bits, longs);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(bits);
        }
    }

    /// <summary>
    /// A search's sets, one per word of the query (a word, or the words a prefix begins, ORed), each
    /// kept as a criterion's set is: the bitmaps of its common words (written at import) with the
    /// matches of its rare ones, read from the full-text index (each is in under 1/64 of the events).
    /// A dashboard's search comes back, and a word's set serves every search that has it. Kept for the
    /// whole search instead, as one set, and left to the full-text index when a word had no bitmap, a
    /// random word with a common one took 2.8 ms a page at 1M (FTS5 walked both words' matches to
    /// count them), and a prefix of common and rare words ("ukra*") 150 ms whenever its set had gone.
    /// </summary>
    private List<KeptSet> Words(IReadOnlyList<IReadOnlyList<string>> groups) =>
        groups.Select(group => KeptSets.Get(version + "\nwords\n" + string.Join('\u001f', group), longs * 8L, () => Filled(bits =>
        {
            if (SearchBitmaps.Union(connection, group, bits) is not { Count: > 0 } rare) return;
            var parameters = new DynamicParameters();
            parameters.Add("query", string.Join(" OR ", rare.Select(FullText.Quoted)));
            Read("SELECT rowid FROM event_search WHERE event_search MATCH @query", parameters, bits);
        }))).ToList();

    /// <summary>A set written at import (filter_sets), or null when its value is not common enough to have one.</summary>
    private ulong[]? Stored(string key)
    {
        using var reader = connection.ReadPrepared("SELECT bits FROM filter_sets WHERE key = @key", new { key });
        if (!reader.Read()) return null;
        return SeqBits.FromBlob((byte[])reader.GetValue(0), longs);
    }

    /// <summary>What a set depends on: the file, the statement and its values.</summary>
    private string Key(string sql, DynamicParameters parameters)
    {
        var key = new StringBuilder(version).Append('\n').Append(sql);
        foreach (var name in parameters.ParameterNames.Order(StringComparer.Ordinal))
        {
            key.Append('\n').Append(name).Append('=');
            var value = parameters.Get<object?>(name);
            if (value is IEnumerable list and not string) key.AppendJoin('\u001f', list.Cast<object?>());
            else key.Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return key.ToString();
    }
}
