using Dapper;
using EventsApi.Core.Domain;
using EventsApi.Core.Storage;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace EventsApi.Importer.Tests;

/// <summary>
/// Filters of several criteria are answered from their sets of seqs (FilterBitmaps): their totals and
/// their pages, followed by cursor in both directions, must be those SQL gives for the same filters,
/// and the date range's fringes (events that start before a range and end in it, or start in it and
/// end after it) those the columns define.
/// </summary>
public class FilterSetsTests
{
    private static readonly string[] Regions = ["Donetsk", "Kharkiv", "Ukraine", "Russia", "Kherson", "Zaporizhzhia", "Eastern Europe", "Pokrovsk"];
    private static readonly string[] Actors = ["Russia", "Ukraine", "ru-armed-forces", "ua-armed-forces", "ru-kremlin", "ua-air-force"];
    private static readonly string[] Types = ["strike", "battle", "statement", "talks"];
    private static readonly string[] Words = ["drone*", "strike*", "Kharkiv", "missile", "shelling"];
    private static readonly string[] Countries = ["UKR", "rus", "Belarus", "POL"];

    [Fact]
    public void TotalsAndPagesOfCombinedFiltersAreThoseOfSql()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 3000, seed: 5);
        var random = new Random(17);
        var fromSets = 0;
        // One reader for every filter: what it keeps of one filter (its plan, its collected sets) must not answer for the next.
        using var sets = new EventQueries(connection);
        for (var i = 0; i < 60; i++)
        {
            var filter = RandomFilter(random);
            var sql = new EventQueries(connection, setsEnabled: false);
            var total = sql.Count(filter);
            Assert.Equal(total, sets.Count(filter));
            // In date order the page is read off the sets; by fatalities or sources (then by date), the few matches'
            // rows are sorted, or the sort's index is walked and probed.
            var sorts = new[] { "date", "fatalities", "source_count" }.SelectMany(key => new[] { new EventSort([(key, true)]), new EventSort([(key, false)]) })
                .Append(new EventSort([("source_count", false), ("date", true)])).Append(new EventSort([("fatalities", true), ("date", false)]));
            foreach (var sort in sorts)
            {
                // Pages of 13: most filters' matches take several, so each is followed by its cursor.
                var expected = Paged(sql, filter, sort, size: 13);
                Assert.Equal(total, expected.Count);
                Assert.Equal(expected, Paged(sets, filter, sort, size: 13));
            }
            if (total > 0) fromSets++;
        }
        Assert.True(fromSets > 30, $"only {fromSets} filters matched anything");
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// Orders of two or three of the date, fatalities and sources, each key either way and in any
    /// order, are chosen in memory (SortedScan) for everything and for combined filters: their pages,
    /// followed by cursor to the end, must be SQL's. The synthetic events tie often (sources 1-4, tolls
    /// mostly unknown or small, hundreds of events a day), so ties broken wrongly show.
    /// </summary>
    [Fact]
    public void PagesInOrdersOfSeveralKeysAreThoseOfSql()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 3000, seed: 5);
        var sql = new EventQueries(connection, setsEnabled: false);
        using var sets = new EventQueries(connection);
        var random = new Random(23);
        var filters = new[] { new EventFilter() }.Concat(Enumerable.Range(0, 4).Select(_ => RandomFilter(random))).ToList();
        var orders = 0;
        foreach (var keys in Orders(["date", "fatalities", "source_count"]).Where(k => k.Count >= 2))
            for (var directions = 0; directions < 1 << keys.Count; directions++)
            {
                var sort = new EventSort([.. keys.Select((key, i) => (key, ((directions >> i) & 1) != 0))]);
                // Everything in pages of 97; a combined filter in pages of 13.
                for (var f = 0; f < filters.Count; f++)
                    Assert.Equal(Paged(sql, filters[f], sort, f == 0 ? 97 : 13), Paged(sets, filters[f], sort, f == 0 ? 97 : 13));
                orders++;
            }
        Assert.Equal(6 * 4 + 6 * 8, orders);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// An export is chosen as a page is, a part at a time, each part after the last one's event: in
    /// date order from its criteria's sets, in an order of several keys, or of a filter by one, in
    /// memory. In parts of 97 its events and where it ends (the next cursor, and whether more
    /// follow) must be SQL's, from the start and from a cursor.
    /// </summary>
    [Theory]
    [InlineData("-source_count,-date")]
    [InlineData("fatalities,source_count")]
    [InlineData("-date,fatalities,-source_count")]
    [InlineData("-fatalities")]
    [InlineData("source_count")]
    [InlineData("-date")]
    [InlineData("date")]
    public void AnExportChosenAsAPageIsSqls(string order)
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 3000, seed: 5);
        var sort = new EventSort([.. order.Split(',').Select(k => (k.TrimStart('-'), k.StartsWith('-')))]);
        var random = new Random(29);
        foreach (var filter in new[] { new EventFilter(), new EventFilter { Types = ["strike"] }, RandomFilter(random), RandomFilter(random) })
        {
            var sql = new EventQueries(connection, setsEnabled: false);
            using var sets = new EventQueries(connection, exportPart: 97);
            var all = sql.Stream(filter, sort, null, 100_000).Select(e => e.Id).ToList();
            Assert.Equal(all, sets.Stream(filter, sort, null, 100_000).Select(e => e.Id).ToList());
            if (all.Count < 300) continue;
            // 250 from the 20th event's cursor: where they end, and the events.
            var after = EventQueries.SortValues(sql.Page(filter, sort, null, 20)[^1], sort);
            // (And 194, two parts whole: whether more follow is then the next part's to say.)
            foreach (var limit in new[] { 250, 194 })
            {
                var (expectedLast, expectedMore) = sql.PageEnd(filter, sort, after, limit);
                var (last, more) = sets.PageEnd(filter, sort, after, limit);
                Assert.Equal(expectedLast, last);
                Assert.Equal(expectedMore, more);
            }
            Assert.Equal(all.Skip(20).Take(250), sets.Stream(filter, sort, after, 250).Select(e => e.Id));
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Every ordering of every non-empty subset of the keys.</summary>
    private static IEnumerable<List<string>> Orders(IReadOnlyList<string> keys) =>
        keys.SelectMany(key => new[] { new List<string> { key } }
            .Concat(Orders([.. keys.Where(k => k != key)]).Select(rest => (List<string>)[key, .. rest])));

    /// <summary>
    /// A toll alone (min_fatalities), or in a date range, is paged in date order from its set: its
    /// index is in the order of fatalities. Its pages, both ways, and its total must be SQL's.
    /// </summary>
    [Theory]
    [InlineData(0, null, null)]
    [InlineData(1, null, null)]
    [InlineData(3, null, null)]
    [InlineData(1, "2023-03-10", "2024-05-20")]
    [InlineData(2, null, "2022-12-31")]
    public void ATollAloneOrInADateRangeIsPagedAsSqlPagesIt(int minFatalities, string? from, string? to)
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 3000, seed: 5);
        var filter = new EventFilter
        {
            MinFatalities = minFatalities,
            From = Day(from),
            To = Day(to),
        };
        PagedAsSql(connection, filter, pageSize: 50);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// A settlement or a world region alone, or in a date range, is paged in date order from its set:
    /// no one index lists its events by date (a settlement's come through the containment closure, a
    /// world region's also from its countries). Its pages, both ways, and its total must be SQL's.
    /// </summary>
    [Theory]
    [InlineData("settlement", null, null)]
    [InlineData("world_region", null, null)]
    [InlineData("settlement", "2023-03-10", "2025-05-20")]
    [InlineData("world_region", "2024-01-01", "2024-12-31")]
    [InlineData("world_region", null, "2022-12-31")]
    public void ARegionNoIndexListsByDateIsPagedAsSqlPagesIt(string level, string? from, string? to)
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 3000, seed: 5);
        // The place of that level with the most events (its own and those of the places within it).
        var region = connection.QuerySingle<string>("SELECT id FROM places WHERE level = @level ORDER BY event_count DESC, id LIMIT 1", new { level });
        var filter = new EventFilter
        {
            Regions = [region],
            From = Day(from),
            To = Day(to),
        };
        PagedAsSql(connection, filter, pageSize: 5, atLeast: 10);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// A broad search with a prefix of more words than a search spells out, which no bitmaps answer,
    /// is counted and paged from its set, alone or in a date range. Its pages, both ways, and its total
    /// must be SQL's.
    /// </summary>
    [Theory]
    [InlineData("a*", null, null)]
    [InlineData("s* d*", null, null)]
    [InlineData("c*", "2023-01-01", "2024-12-31")]
    public void ABroadPrefixOfManyWordsIsPagedAsSqlPagesIt(string query, string? from, string? to)
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 3000, seed: 5);
        foreach (var prefix in query.Split(' ').Select(p => p.TrimEnd('*')))
        {
            var begun = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM search_terms WHERE term >= @prefix AND term < @next", new { prefix, next = FullText.After(prefix) });
            Assert.True(begun > 32, $"{prefix}* begins {begun} words: a search spells out up to 32");
        }
        PagedAsSql(connection, new EventFilter { Query = query, From = Day(from), To = Day(to) }, pageSize: 50);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// A search of a common word (one with a bitmap) and a rare one, and a prefix that begins words of
    /// both kinds, are counted and paged from their words' sets, the rare words' read from the full-text
    /// index, alone or in a date range. Their pages, both ways, and their totals must be SQL's.
    /// </summary>
    [Theory]
    [InlineData(null, null)]
    [InlineData("2023-01-01", "2025-12-31")]
    public void SearchesOfCommonAndRareWordsArePagedAsSqlPagesThem(string? from, string? to)
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 3000, seed: 5);
        var terms = connection.Query<(string Term, bool Common)>(
            "SELECT term, term IN (SELECT term FROM search_bitmaps) FROM search_terms WHERE term GLOB '[a-z]*' ORDER BY term").ToList();
        var common = terms.Where(t => t.Common).Select(t => t.Term).ToList();
        var rare = connection.Query<string>(
            "SELECT term FROM search_terms WHERE term NOT IN (SELECT term FROM search_bitmaps) AND term GLOB '[a-z]*' ORDER BY events DESC, term LIMIT 2").ToList();
        // The longest prefix of a common word that also begins a rare one, and few enough words to be spelled out.
        var prefix = common.SelectMany(word => Enumerable.Range(2, word.Length - 2).Reverse().Select(n => word[..n]))
            .FirstOrDefault(p =>
            {
                var begun = terms.Where(t => t.Term.StartsWith(p, StringComparison.Ordinal)).ToList();
                return begun.Count <= 32 && begun.Any(t => !t.Common);
            });
        Assert.True(common.Count >= 2 && rare.Count == 2 && prefix is not null, "the dataset has no common and rare words to combine");
        // The common word found with each rare word most often.
        string With(string word) => common.MaxBy(c => connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM event_search WHERE event_search MATCH @match", new { match = FullText.ToMatchExpression($"{c} {word}") }))!;
        foreach (var query in new[] { $"{With(rare[0])} {rare[0]}", $"{rare[1]} {With(rare[1])}", $"{prefix}*", $"{prefix}* {With(prefix + "*")}" })
            PagedAsSql(connection, new EventFilter { Query = query, From = Day(from), To = Day(to) }, pageSize: 5);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// The sets the writer tallies into filter_sets are those the criteria's own statements list from
    /// the indexes (or the rows, for precision), and only common values have one, but every precision
    /// has; the bit planes of fatalities and of sources are the counts' bits, the known tolls' set
    /// the events with one, and the ids' ranks the order of ids.
    /// </summary>
    [Fact]
    public void SetsWrittenAtImportAreThoseTheIndexesList()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 3000, seed: 5);
        var stored = connection.Query<(string Key, byte[] Bits)>("SELECT key, bits FROM filter_sets").ToList();

        Assert.Contains(stored, s => s.Key.StartsWith("admin1:", StringComparison.Ordinal));
        Assert.Contains(stored, s => s.Key.StartsWith("country:", StringComparison.Ordinal));
        Assert.Contains(stored, s => s.Key.StartsWith("subtype:", StringComparison.Ordinal));
        // The bit planes of fatalities and of source counts, and the events with a known toll.
        var planes = new Dictionary<string, string> { ["fatalities_bit:"] = "fatalities", ["source_count_bit:"] = "source_count" };
        foreach (var (prefix, column) in planes)
        {
            foreach (var (key, bits) in stored.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal)))
            {
                var k = int.Parse(key[prefix.Length..]);
                var listed = connection.Query<long>($"SELECT seq FROM events WHERE ({column} >> @k) & 1 = 1 ORDER BY seq", new { k }).ToList();
                Assert.Equal(listed, Members(bits));
            }
            Assert.True(stored.Count(s => s.Key.StartsWith(prefix, StringComparison.Ordinal)) >= 2, prefix);
        }
        var known = connection.Query<long>("SELECT seq FROM events WHERE fatalities IS NOT NULL ORDER BY seq").ToList();
        Assert.Equal(known, Members(Assert.Single(stored, s => s.Key == "fatalities_known").Bits));
        Assert.Equal(8, stored.Count(s => s.Key.Contains("_precision_at_most:", StringComparison.Ordinal)));
        // Each event's rank in the order of ids (event_id_ranks), by seq.
        var ranks = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(connection.ExecuteScalar<byte[]>("SELECT ranks FROM event_id_ranks")).ToArray();
        var byId = connection.Query<long>("SELECT seq FROM events ORDER BY id").ToList();
        Assert.Equal(3000, ranks.Length);
        Assert.Equal(Enumerable.Range(0, byId.Count), byId.Select(seq => ranks[seq - 1]));
        foreach (var (key, bits) in stored.Where(s => s.Key != "fatalities_known" && !planes.Keys.Any(prefix => s.Key.StartsWith(prefix, StringComparison.Ordinal))))
        {
            var value = key[(key.IndexOf(':') + 1)..];
            var filter = key[..key.IndexOf(':')] switch
            {
                "admin1" => new EventFilter { Regions = [value], ResolvedRegions = new([value], [], []) },
                "country" => new EventFilter { Regions = [value], ResolvedRegions = new([], [value], []) },
                "type" => new EventFilter { Types = [value] },
                "date_precision_at_most" => new EventFilter { Precision = (DatePrecision)int.Parse(value) },
                "geo_precision_at_most" => new EventFilter { GeoPrecision = (GeoPrecision)int.Parse(value) },
                _ => new EventFilter { Subtypes = [value] },
            };
            var (sql, parameters, _, storedKey) = Assert.Single(EventFilters.Sets(filter)!);
            Assert.Equal(key, storedKey);
            var listed = connection.Query<long>(sql, parameters).Order().ToList();
            Assert.Equal(listed, Members(bits));
            Assert.True(listed.Count * 64 > 3000 || key.Contains("_precision_at_most:", StringComparison.Ordinal), $"{key}: {listed.Count} events, not a common value");
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The seqs of a set's bits (bit seq - 1 of the blob, byte by byte).</summary>
    private static List<long> Members(byte[] bits) =>
        Enumerable.Range(0, bits.Length * 8).Where(b => (bits[b >> 3] & (1 << (b & 7))) != 0).Select(b => (long)b + 1).ToList();

    /// <summary>Timelines of filters, per day, week, month and year, by type, sub-type, oblast, country, actor or not grouped: those SQL groups.</summary>
    [Fact]
    public void TimelinesOfFiltersAreThoseOfSql()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 3000, seed: 5);
        var random = new Random(23);
        string?[] groups = [null, "type", "subtype", "admin1", "country", "actor"];
        var compared = 0;
        for (var i = 0; i < 60; i++)
        {
            var filter = i < 5 ? Dated(new EventFilter(), random) : RandomFilter(random);
            var interval = Pick(random, new[] { "day", "week", "month", "year" });
            var groupBy = Pick(random, groups);
            var expected = new EventQueries(connection, setsEnabled: false).Timeline(filter, interval, groupBy);
            var actual = new EventQueries(connection).Timeline(filter, interval, groupBy);
            Assert.Equal(expected.Select(Row), actual.Select(Row));
            if (expected.Count > 1) compared++;
        }
        Assert.True(compared > 30, $"only {compared} timelines had more than one row");
        // Everything by oblast and by country (no rollup holds them, and events without an oblast make a group of
        // their own), and by actor per day and week (the actors' rollup is by month).
        foreach (var (groupBy, interval) in new[] { ("admin1", "month"), ("country", "month"), ("actor", "day"), ("actor", "week") })
        {
            var expected = new EventQueries(connection, setsEnabled: false).Timeline(new EventFilter(), interval, groupBy);
            Assert.True(groupBy == "actor" || expected.Any(r => r.Grp is null), $"by {groupBy}: no group of events without one");
            Assert.Equal(expected.Select(Row), new EventQueries(connection).Timeline(new EventFilter(), interval, groupBy).Select(Row));
        }
        // An actor in under 1/150 of the events, whose pages SQL answers, has its timeline from its set.
        var narrow = connection.QuerySingle<string>(
            "SELECT actor_id FROM event_actors GROUP BY actor_id HAVING COUNT(*) * 150 < (SELECT COUNT(*) FROM events) ORDER BY COUNT(*) DESC, actor_id LIMIT 1");
        foreach (var filter in new[] { new EventFilter { Actors = [narrow] }, new EventFilter { Actors = [narrow], Roles = [ActorRole.Initiator, ActorRole.Speaker] } })
            foreach (var groupBy in groups)
            {
                var expected = new EventQueries(connection, setsEnabled: false).Timeline(filter, "month", groupBy);
                Assert.True(expected.Count > 1, $"{narrow}'s timeline has {expected.Count} rows");
                Assert.Equal(expected.Select(Row), new EventQueries(connection).Timeline(filter, "month", groupBy).Select(Row));
            }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// An actor named twice in one event (two roles) is one event of its timeline and has the event's
    /// fatalities twice, as SQL's grouping of the events joined to their actors gives them.
    /// </summary>
    [Fact]
    public void ActorTimelinesCountAnActorNamedTwiceAsSqlDoes()
    {
        using var dir = new TempDirectory();
        // A dataset no other test reads: what is kept per dataset version must be this file's.
        var path = TempDirectory.SyntheticFile(dir, 2000, seed: 31);
        using (var writer = TempDirectory.OpenToWrite(path))
            Assert.True(writer.Execute("""
                INSERT INTO event_actors (event_seq, position, actor_id, role)
                SELECT e.seq, 9, ea.actor_id, 'speaker' FROM events e JOIN event_actors ea ON ea.event_seq = e.seq AND ea.position = 0
                WHERE e.seq % 5 = 0 AND e.fatalities > 0
                """) > 20);
        using var connection = SqliteFiles.OpenReadOnly(path);
        foreach (var (filter, interval) in new[] { (new EventFilter(), "week"), (new EventFilter { Types = ["strike"] }, "month"), (new EventFilter { MinFatalities = 1 }, "year") })
        {
            var expected = new EventQueries(connection, setsEnabled: false).Timeline(filter, interval, "actor");
            Assert.True(expected.Count > 10, $"{expected.Count} rows");
            Assert.Equal(expected.Select(Row), new EventQueries(connection).Timeline(filter, interval, "actor").Select(Row));
        }
        SqliteConnection.ClearAllPools();
    }

    private static string Row(TimelineRow r) => $"{r.Period} {r.Grp} {r.Events} {r.Fatalities}";

    /// <summary>The date range's fringes, by the columns: overlap (the default) and within, with other criteria.</summary>
    [Theory]
    [InlineData("2023-03-10", "2023-05-20", false)]
    [InlineData("2023-03-10", "2023-05-20", true)]
    [InlineData("2024-01-15", null, false)]
    [InlineData(null, "2022-06-30", true)]
    [InlineData("2025-02-14", "2025-02-14", false)]
    public void DateRangesWithOtherCriteriaMatchTheColumns(string? from, string? to, bool within)
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 3000, seed: 5);
        var filter = new EventFilter
        {
            From = Day(from),
            To = Day(to),
            Within = within,
            Regions = ["Ukraine"],
            Query = "drone*",
        };
        var dates = within
            ? "(@from IS NULL OR e.date >= @from) AND (@to IS NULL OR e.date_end <= @to)"
            : "(@from IS NULL OR e.date_end >= @from) AND (@to IS NULL OR e.date <= @to)";
        var expected = connection.Query<string>($"""
            SELECT e.id FROM events e
            WHERE {dates} AND e.country_id = 'UKR'
              AND e.seq IN (SELECT rowid FROM event_search WHERE event_search MATCH 'drone*')
            ORDER BY e.date DESC, e.id DESC
            """, new { from, to }).ToList();
        // The fringes are in play: some of the matches are long events that cross a bound of the range.
        var crossing = connection.ExecuteScalar<long>($"""
            SELECT COUNT(*) FROM events e
            WHERE e.date_end > e.date AND ((@from IS NOT NULL AND e.date < @from AND e.date_end >= @from) OR (@to IS NOT NULL AND e.date <= @to AND e.date_end > @to))
            """, new { from, to });

        Assert.True(expected.Count > 5, $"{expected.Count} matches");
        Assert.True(crossing > 0, "no event crosses the range's bounds");
        var queries = new EventQueries(connection);
        Assert.Equal(expected.Count, queries.Count(filter));
        Assert.Equal(expected, Paged(queries, filter, new EventSort([("date", true)])));
        SqliteConnection.ClearAllPools();
    }

    private static EventFilter RandomFilter(Random random)
    {
        var filter = new EventFilter();
        var criteria = random.Next(2, 4);
        foreach (var criterion in Enumerable.Range(0, 10).OrderBy(_ => random.Next()).Take(criteria))
            filter = criterion switch
            {
                0 => filter with { Regions = [Pick(random, Regions)] },
                1 => filter with
                {
                    Actors = [Pick(random, Actors)],
                    Roles = random.Next(3) == 0 ? [Pick(random, new[] { ActorRole.Initiator, ActorRole.Target })] : [],
                },
                2 => filter with { Types = random.Next(3) == 0 ? [Pick(random, Types), Pick(random, Types)] : [Pick(random, Types)] },
                3 => filter with { Query = Pick(random, Words) },
                4 => filter with { Bbox = (30 + random.NextDouble() * 6, 46 + random.NextDouble() * 3, 36 + random.NextDouble() * 4, 49 + random.NextDouble() * 3) },
                5 => filter with { MinFatalities = random.Next(0, 6) },
                6 => filter with { Precision = Pick(random, Enum.GetValues<DatePrecision>()) },
                7 => filter with { GeoPrecision = Pick(random, Enum.GetValues<GeoPrecision>()) },
                8 => filter with { Countries = [Pick(random, Countries)] },
                _ => Dated(filter, random),
            };
        return filter;
    }

    private static EventFilter Dated(EventFilter filter, Random random)
    {
        var from = new LocalDate(2022, 1, 1).PlusDays(random.Next(0, 1400));
        var to = from.PlusDays(random.Next(0, 400));
        return random.Next(4) switch
        {
            0 => filter with { From = from },
            1 => filter with { To = to, Within = random.Next(2) == 0 },
            _ => filter with { From = from, To = to, Within = random.Next(2) == 0 },
        };
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    /// <summary>
    /// The filter's total and its pages in date order, both ways, by sets as by SQL; more than
    /// <paramref name="atLeast"/> matches (a page of <paramref name="pageSize"/> by default), so that there is a second page.
    /// </summary>
    private static void PagedAsSql(SqliteConnection connection, EventFilter filter, int pageSize, int? atLeast = null)
    {
        var sql = new EventQueries(connection, setsEnabled: false);
        var sets = new EventQueries(connection);
        var total = sql.Count(filter);
        Assert.True(total > (atLeast ?? pageSize), $"{total} matches of {filter.Query ?? string.Join(",", filter.Regions)}: too few for a second page of {pageSize}");
        Assert.Equal(total, sets.Count(filter));
        foreach (var sort in new[] { new EventSort([("date", true)]), new EventSort([("date", false)]) })
            Assert.Equal(Paged(sql, filter, sort, pageSize), Paged(sets, filter, sort, pageSize));
    }

    private static NodaTime.LocalDate? Day(string? iso) => iso is null ? null : NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;

    private static List<string> Paged(EventQueries queries, EventFilter filter, EventSort sort, int size = 50)
    {
        var paged = new List<string>();
        IReadOnlyList<object>? after = null;
        while (true)
        {
            var page = queries.Page(filter, sort, after, size);
            // A page that does not follow its cursor comes again and again.
            if (page.Count > 0) Assert.DoesNotContain(page[0].Id, paged);
            paged.AddRange(page.Select(e => e.Id));
            if (page.Count < size) return paged;
            after = EventQueries.SortValues(page[^1], sort);
        }
    }
}
