using Dapper;
using EventsApi.Core.Storage;
using Microsoft.Data.Sqlite;

namespace EventsApi.Importer.Tests;

/// <summary>
/// Events are stored in (date, id) order, and searches in date order page through the full-text
/// index in seq order: both must give exactly the date order that the columns define.
/// </summary>
public class StorageOrderTests
{
    [Fact]
    public void SeqFollowsDateThenIdInImportsAndGeneratedDatasets()
    {
        using var dir = new TempDirectory();
        using var corpus = TempDirectory.ImportCorpus(dir);
        using var synthetic = TempDirectory.Synthetic(dir, 400, seed: 11);

        foreach (var connection in new[] { corpus, synthetic })
        {
            var bySeq = connection.Query<string>("SELECT id FROM events ORDER BY seq").ToList();
            Assert.True(bySeq.Count > 20);
            Assert.Equal(connection.Query<string>("SELECT id FROM events ORDER BY date, id").ToList(), bySeq);
        }
        SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData("drone*", true, false)]
    [InlineData("drone*", false, false)]
    [InlineData("Kharkiv", true, false)]
    [InlineData("strike*", true, true)]
    [InlineData("Kharkiv", false, true)]
    [InlineData("drone* shell*", true, false)]
    public void SearchPagesFollowedByCursorGiveTheDateOrder(string words, bool newestFirst, bool onlyStrikes)
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 600, seed: 11);
        var queries = new EventQueries(connection);
        var filter = new EventFilter { Query = words, Types = onlyStrikes ? ["strike"] : [] };
        var sort = new EventSort([("date", newestFirst)]);

        var expected = connection.Query<string>($"""
            SELECT e.id FROM events e
            WHERE e.seq IN (SELECT rowid FROM event_search WHERE event_search MATCH @match) {(onlyStrikes ? "AND e.type = 'strike'" : "")}
            ORDER BY e.date {(newestFirst ? "DESC" : "ASC")}, e.id {(newestFirst ? "DESC" : "ASC")}
            """, new { match = FullText.ToMatchExpression(words) }).ToList();

        Assert.True(expected.Count > 14, $"{words}: {expected.Count} matches");
        AssertPagesGive(expected, queries, filter, sort);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// A box's pages are merged from its points in memory (PointSeqs). Its export, in SQL, is read point
    /// by point when it has few points, otherwise collected from its points and sorted, or walked in
    /// order when broad: each gives the date order, and the total summed over the points is the count
    /// of the events in the box.
    /// </summary>
    [Theory]
    [InlineData(35.8, 49.6, 36.7, 50.4, true, 0)]      // around Kharkiv: collected from its points and sorted
    [InlineData(35.8, 49.6, 36.7, 50.4, false, 0)]
    [InlineData(35.8, 49.6, 36.7, 50.4, true, 128)]    // the same, point by point
    [InlineData(35.8, 49.6, 36.7, 50.4, false, 128)]
    [InlineData(30.0, 46.0, 36.5, 50.4, true, 0)]      // a larger box, not broad
    [InlineData(30.0, 46.0, 36.5, 50.4, false, 128)]
    [InlineData(37.0, 47.5, 38.4, 48.9, true, 0)]      // Donetsk oblast's front
    [InlineData(37.0, 47.5, 38.4, 48.9, true, 128)]
    [InlineData(22.0, 44.0, 40.3, 52.4, true, 0)]      // all of Ukraine: broad, walked in order
    [InlineData(22.0, 44.0, 40.3, 52.4, false, 0)]
    [InlineData(22.0, 44.0, 40.3, 52.4, true, 128)]    // point by point, if it has that few points
    public void BoxPagesFollowedByCursorGiveTheDateOrder(double minLon, double minLat, double maxLon, double maxLat, bool newestFirst, int mergePointsUpTo)
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 600, seed: 11);
        var queries = new EventQueries(connection, mergePointsUpTo);
        var filter = new EventFilter { Bbox = (minLon, minLat, maxLon, maxLat) };
        var sort = new EventSort([("date", newestFirst)]);

        var expected = connection.Query<string>($"""
            SELECT e.id FROM events e
            WHERE e.longitude BETWEEN @minLon AND @maxLon AND e.latitude BETWEEN @minLat AND @maxLat
            ORDER BY e.date {(newestFirst ? "DESC" : "ASC")}, e.id {(newestFirst ? "DESC" : "ASC")}
            """, new { minLon, minLat, maxLon, maxLat }).ToList();

        Assert.True(expected.Count > 14, $"{expected.Count} events in the box");
        AssertPagesGive(expected, queries, filter, sort);
        Assert.Equal(expected.Count, queries.Count(filter)); // summed over event_points
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// A box's edges belong to it, as SQL's BETWEEN has them: a box drawn from one point's coordinates
    /// to another's holds both points' events (and a box of a single point, that point's).
    /// </summary>
    [Fact]
    public void ABoxHoldsThePointsOnItsEdges()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 600, seed: 11);
        var queries = new EventQueries(connection);
        var points = connection.Query<(double Longitude, double Latitude)>("SELECT longitude, latitude FROM event_points ORDER BY events DESC LIMIT 3").ToList();
        Assert.Equal(3, points.Count);

        foreach (var (a, b) in new[] { (points[0], points[0]), (points[0], points[1]), (points[1], points[2]) })
        {
            var (minLon, minLat, maxLon, maxLat) = (Math.Min(a.Longitude, b.Longitude), Math.Min(a.Latitude, b.Latitude), Math.Max(a.Longitude, b.Longitude), Math.Max(a.Latitude, b.Latitude));
            var expected = connection.Query<string>("""
                SELECT id FROM events WHERE longitude BETWEEN @minLon AND @maxLon AND latitude BETWEEN @minLat AND @maxLat
                ORDER BY date DESC, id DESC
                """, new { minLon, minLat, maxLon, maxLat }).ToList();
            var atCorner = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM events WHERE longitude = @Longitude AND latitude = @Latitude", new { a.Longitude, a.Latitude });
            Assert.True(atCorner > 0 && expected.Count >= atCorner, $"{expected.Count} events in the box, {atCorner} at its corner");
            var filter = new EventFilter { Bbox = (minLon, minLat, maxLon, maxLat) };
            AssertPagesGive(expected, queries, filter, new EventSort([("date", true)]));
            Assert.Equal(expected.Count, queries.Count(filter));
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// Actors alone are read from the top of each one's entries and merged (a few actors), or walked in
    /// order (a whole country's): each gives the date order, with roles, and the total counts the same events.
    /// </summary>
    [Theory]
    [InlineData("ru-kremlin", null, true)]          // the Kremlin and the actors under it
    [InlineData("ru-kremlin", null, false)]
    [InlineData("ru-kremlin", "speaker", true)]
    [InlineData("ua-gov", "target", true)]
    [InlineData("ua-gov", null, false)]             // actors with more events than a page
    [InlineData("ru-regiment-7", null, true)]       // one actor, no others under it
    [InlineData("ru-regiment-7", null, false)]
    [InlineData("ru-kremlin,ua-sbu", null, true)]   // two actors
    [InlineData("ru-air-defence,ua-air-force", null, true)]  // two actors in many of the same events
    [InlineData("Russia", null, true)]              // too many actors under it: walked in order
    [InlineData("Russia", "initiator", false)]
    public void ActorPagesFollowedByCursorGiveTheDateOrder(string actors, string? role, bool newestFirst)
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 2000, seed: 11);
        var queries = new EventQueries(connection);
        var filter = new EventFilter
        {
            Actors = actors.Split(','),
            Roles = role is null ? [] : [Core.Domain.WireNames.ParseWire<Core.Domain.ActorRole>(role)],
        };
        var sort = new EventSort([("date", newestFirst)]);

        var expected = connection.Query<string>($"""
            SELECT e.id FROM events e
            WHERE e.seq IN (SELECT ea.event_seq FROM event_actors ea JOIN actor_ancestors aa ON aa.actor_id = ea.actor_id
                            WHERE (aa.ancestor_id IN @ids OR aa.ancestor_id IN (SELECT an.actor_id FROM actor_names an WHERE an.key IN @keys))
                              AND (@role IS NULL OR ea.role = @role))
            ORDER BY e.date {(newestFirst ? "DESC" : "ASC")}, e.id {(newestFirst ? "DESC" : "ASC")}
            """, new { ids = filter.Actors, keys = filter.Actors.Select(Core.Dictionaries.NameKey.Fold).ToList(), role }).ToList();

        Assert.True(expected.Count > 14, $"{actors}: {expected.Count} events");
        AssertPagesGive(expected, queries, filter, sort);
        Assert.Equal(expected.Count, queries.Count(filter));
        SqliteConnection.ClearAllPools();
    }

    private static void AssertPagesGive(List<string> expected, EventQueries queries, EventFilter filter, EventSort sort)
    {
        var paged = new List<string>();
        IReadOnlyList<object>? after = null, afterFirstPage = null;
        while (true)
        {
            var page = queries.Page(filter, sort, after, 7);
            var (last, hasMore) = queries.PageEnd(filter, sort, after, 7);
            paged.AddRange(page.Select(e => e.Id));
            if (page.Count == 0) break;
            if (page.Count == 7) Assert.Equal(EventQueries.SortValues(page[^1], sort), last); // a short page has no end to find
            after = EventQueries.SortValues(page[^1], sort);
            afterFirstPage ??= after;
            Assert.Equal(page.Count == 7 && paged.Count < expected.Count, hasMore);
        }
        Assert.Equal(expected, paged);
        // An export may take another path than the pages (a box's, say): from the start, and from a cursor.
        Assert.Equal(expected, queries.Stream(filter, sort, null, int.MaxValue).Select(e => e.Id).ToList());
        Assert.Equal(expected.Skip(7), queries.Stream(filter, sort, afterFirstPage, int.MaxValue).Select(e => e.Id));
    }

    [Fact]
    public void OneWordTotalsFromTheTermTableAgreeWithTheIndex()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.ImportCorpus(dir);
        var queries = new EventQueries(connection);
        var terms = connection.Query<string>("SELECT term FROM search_terms ORDER BY events DESC, term").ToList();

        Assert.True(terms.Count > 100);
        foreach (var term in terms.Where((_, i) => i % 7 == 0).Append("notawordinanyevent"))
        {
            var indexed = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM event_search WHERE event_search MATCH @m", new { m = FullText.ToMatchExpression(term) });
            Assert.Equal(indexed, queries.Count(new EventFilter { Query = term.ToUpperInvariant() }));
        }
        // Several words and prefixes are counted in the index when a total is asked for; a prefix
        // that begins one word is that word's count, and one that begins none matches nothing.
        var oneWordPrefix = connection.QueryFirst<string>("""
            SELECT substr(t.term, 1, 5) FROM search_terms t
            WHERE length(t.term) > 5
              AND (SELECT COUNT(*) FROM search_terms o WHERE substr(o.term, 1, 5) = substr(t.term, 1, 5)) = 1
            ORDER BY t.events DESC
            """) + "*";
        foreach (var words in new[] { "drone*", "russian strike", "kharkiv shell*", "k* missile*", oneWordPrefix, "zqxw*", "drone* zqxw*" })
        {
            var indexed = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM event_search WHERE event_search MATCH @m", new { m = FullText.ToMatchExpression(words) });
            Assert.True(indexed > 0 || words.Contains("zqxw"), words);
            Assert.Equal(indexed, queries.Count(new EventFilter { Query = words }));
            Assert.Equal(Math.Min(indexed, 5), queries.Page(new EventFilter { Query = words }, new EventSort([("date", true)]), null, 5).Count);
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// A word holding a letter that SQLite's tokenizer separates at (a letter to .NET) is indexed as
    /// two terms; the index keeps no positions, so quoted whole it is a phrase the index refuses. It
    /// is searched as its two terms.
    /// </summary>
    [Fact]
    public void AWordWithALetterTheTokenizerSeparatesIsSearchedAsItsParts()
    {
        var separator = Enumerable.Range(0x80, char.MaxValue - 0x7F).Select(c => (char)c).First(c => char.IsLetterOrDigit(c) && TokenChars.Separates(c));
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 300, seed: 3);
        var words = connection.Query<string>("SELECT term FROM search_terms WHERE events > 20 ORDER BY events DESC LIMIT 2").ToList();
        var query = $"{words[0]}{separator}{words[1]}";
        // The probe asks the tokenizer the index was made with.
        Assert.Contains($"tokenize = '{TokenChars.Tokenizer}'", connection.ExecuteScalar<string>("SELECT sql FROM sqlite_schema WHERE name = 'event_search'"));

        Assert.Throws<SqliteException>(() => connection.ExecuteScalar<long>("SELECT COUNT(*) FROM event_search WHERE event_search MATCH @m", new { m = FullText.Quoted(query) }));
        var both = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM event_search WHERE event_search MATCH @m", new { m = $"\"{words[0]}\" AND \"{words[1]}\"" });
        var queries = new EventQueries(connection);
        Assert.True(both > 0);
        Assert.Equal(both, queries.Count(new EventFilter { Query = query }));
        Assert.Equal(Math.Min(both, 5), queries.Page(new EventFilter { Query = query }, new EventSort([("date", true)]), null, 5).Count);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void PrefixesThatBeginFewWordsAreSpelledOutAsThem()
    {
        IReadOnlyList<(string, bool)> terms = [("drone", true), ("kharkiv", false), ("zqxw", true), ("k", true), ("strik", true)];
        IReadOnlyList<string>?[] words = [["drone", "drones"], ["kharkiv"], [], null, ["strike"]];

        Assert.Equal("""("drone" OR "drones") AND "kharkiv" AND "zqxw"* AND "k"* AND "strike" """.TrimEnd(), FullText.SpelledOut(terms, words));
    }

    /// <summary>
    /// Every common word's bitmap holds exactly the events the full-text index finds for it, and
    /// searches of several words or prefixes, common or rare, are counted as the index counts them.
    /// </summary>
    [Fact]
    public void SearchBitmapsHoldTheIndexsMatchesAndCountSearches()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 600, seed: 11);
        var bitmaps = connection.Query<(string Term, byte[] Bits)>("SELECT b.term, b.bits FROM search_bitmaps b JOIN search_terms t USING (term) ORDER BY t.events DESC").ToList();
        var rare = connection.Query<string>("SELECT term FROM search_terms WHERE term NOT IN (SELECT term FROM search_bitmaps) ORDER BY events DESC LIMIT 3").ToList();

        Assert.True(bitmaps.Count > 20 && rare.Count == 3, $"{bitmaps.Count} bitmaps, {rare.Count} rare words");
        foreach (var (term, bits) in bitmaps)
        {
            var set = Enumerable.Range(1, bits.Length * 8).Where(seq => (bits[(seq - 1) / 8] & (1 << ((seq - 1) % 8))) != 0).Select(seq => (long)seq);
            var indexed = connection.Query<long>("SELECT rowid FROM event_search WHERE event_search MATCH @m ORDER BY rowid", new { m = FullText.Quoted(term) });
            Assert.Equal(indexed, set);
        }
        var queries = new EventQueries(connection);
        var common = bitmaps.Select(b => b.Term).Where(t => t.All(char.IsAsciiLetter)).Take(3).ToList();
        foreach (var words in new[] { "drone*", "drone* strike", $"{common[0]} {common[1]} {common[2]}", $"{common[0]} {rare[0]}", $"{rare[0]}* {common[0]}", $"{common[2][..1]}* {common[0]}" })
        {
            var indexed = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM event_search WHERE event_search MATCH @m", new { m = FullText.ToMatchExpression(words) });
            Assert.True(indexed > 0, words);
            Assert.Equal(indexed, queries.Count(new EventFilter { Query = words }));
        }
        // Words that all have bitmaps are counted from them; a rare word leaves the count to the index.
        var both = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM event_search WHERE event_search MATCH @m",
            new { m = $"(\"{common[0]}\" OR \"{common[1]}\") AND \"{common[2]}\"" });
        var events = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM events");
        Assert.Equal(both, SearchBitmaps.Count(connection, [[common[0], common[1]], [common[2]]], events));
        Assert.Null(SearchBitmaps.Count(connection, [[common[0]], [rare[0]]], events));
        SqliteConnection.ClearAllPools();
    }

}
