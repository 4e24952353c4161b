using System.Text.RegularExpressions;
using Dapper;
using EventsApi.Core.Storage;
using EventsApi.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EventsApi.Tests;

/// <summary>
/// Every filter path the list endpoint offers runs on indexes, not on a scan of the events or their
/// link tables: the statements EventQueries runs for each query (traced from SQLite, with their
/// parameters bound) are explained with EXPLAIN QUERY PLAN over a synthetic dataset.
/// </summary>
public sealed class QueryPlanTests : IClassFixture<QueryPlanTests.Dataset>
{
    public sealed class Dataset : IDisposable
    {
        public ApiFactory Api { get; } = new ApiFactory().WithSyntheticDataset(6000, seed: 11);

        public string Path => Api.Settings["Database:Path"]!;

        public void Dispose() => Api.Dispose();
    }

    private readonly Dataset dataset;

    public QueryPlanTests(Dataset dataset) => this.dataset = dataset;

    public static TheoryData<string> Queries() =>
    [
        "region=Donetsk&from=2024-01-01&to=2024-12-31",
        "region=Kharkiv&region=Sumy",
        "actor=ru-armed-forces",
        "actor=Russia&from=2023-03-01",
        "actor=Kremlin",
        "actor=Kremlin&role=speaker",
        "actor=Russia&role=target",
        "type=strike&from=2024-02-03&to=2024-05-17",
        "subtype=drone_strike&subtype=missile_strike",
        "q=refinery",
        "q=drone*&region=Kherson",
        "bbox=35,47,38,49",
        "bbox=30,44,40,53",
        "bbox=36.1,49.9,36.4,50.1",
        "country=RUS&sort=-fatalities",
        "sort=fatalities",
        "min_fatalities=5",
        "sort=source_count",
        "",
    ];

    /// <summary>SCAN without an index of a table that grows with the dataset.</summary>
    private static readonly Regex FullScan = new(@"\bSCAN (?:e|k|ea|es|d|events|event_actors|event_sources|documents)\b(?!.*\bUSING\b)");

    /// <summary>SCAN of every entry of such a table's index.</summary>
    private static readonly Regex IndexScan = new(@"\bSCAN (?:e|k|ea|es|d|events|event_actors|event_sources|documents) USING (?:COVERING )?INDEX\b");

    /// <summary>
    /// A scan that reads everything: one that must sort what it reads, or has no LIMIT to stop it (a
    /// count, say, even over an index). A walk in rowid or index order that stops at the page (a broad
    /// bounding box, newest first) is not one.
    /// </summary>
    private static bool ReadsEverything(string sql, IReadOnlyList<string> plan) =>
        (plan.Any(FullScan.IsMatch) && (plan.Any(l => l.Contains("TEMP B-TREE FOR ORDER BY")) || !sql.Contains("LIMIT")))
        || (plan.Any(IndexScan.IsMatch) && !sql.Contains("LIMIT"));

    [Theory]
    [MemberData(nameof(Queries))]
    public void EveryStatementOfAQueryUsesAnIndex(string query)
    {
        var statements = Traced(query);
        Assert.NotEmpty(statements);
        AssertNoneReadsEverything(statements, query);
    }

    /// <summary>
    /// A region's, a country's, a type's or a sub-type's date range is chosen from the index alone: the
    /// overlap test on date_end is checked on the entries, so only the page's own rows are read.
    /// </summary>
    [Theory]
    [InlineData("region=Donetsk&from=2024-01-01&to=2024-12-31")]
    [InlineData("region=Russia&from=2023-06-01&to=2024-06-30")]
    [InlineData("type=strike&from=2024-02-03&to=2024-05-17")]
    [InlineData("subtype=drone_strike&from=2022-03-01")]
    public void ADateRangePageIsChosenFromTheIndexAlone(string query) =>
        AssertEveryPagePlan(query, l => l.Contains("USING COVERING INDEX events_by_"), "rows read to choose the page");

    /// <summary>
    /// Events within a range (date_mode=within), newest first, are found between both ends of the range
    /// in the date index: bounded by its start alone, the walk went on past the range's end to the last
    /// event, reading every later one only to find it ends too late.
    /// </summary>
    [Theory]
    [InlineData("from=2023-01-01&to=2023-12-31&date_mode=within")]
    [InlineData("from=2024-03-01&to=2024-03-31&date_mode=within&sort=date")]
    public void EventsWithinARangeAreSoughtBetweenItsEnds(string query) =>
        AssertEveryPagePlan(query, l => l.Contains("INDEX events_by_date (date>? AND date<?)"), "the date index is not bounded on both sides");

    /// <summary>
    /// A filter that neither a set nor a rollup counts (a document's events, with or without a type) is
    /// counted by SQL once per connection, not again with each of its pages: the file never changes.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("&type=strike")]
    public void AFilterCountedBySqlIsCountedOncePerConnection(string rest)
    {
        using var connection = SqliteFiles.OpenReadOnly(dataset.Path);
        var document = connection.ExecuteScalar<string>(
            "SELECT es.document_id FROM event_sources es JOIN events e ON e.seq = es.event_seq WHERE e.type = 'strike' GROUP BY es.document_id ORDER BY COUNT(*) DESC LIMIT 1");
        var filter = Parsed($"source={Uri.EscapeDataString(document!)}{rest}").Filter;
        var counts = new List<string>();
        raw.sqlite3_trace(connection.Handle, (strdelegate_trace)((_, sql) => { if (sql.Contains("COUNT(*)")) counts.Add(sql); }), null);
        var totals = Enumerable.Range(0, 3).Select(_ => new EventQueries(connection).Count(filter)).ToList();
        raw.sqlite3_trace(connection.Handle, (strdelegate_trace?)null, null);

        Assert.True(totals[0] > 0, $"{document}{rest}: nothing matches");
        Assert.All(totals, t => Assert.Equal(totals[0], t));
        Assert.Single(counts);
    }

    /// <summary>
    /// Dates' and places' precision are counted from their sets, written at import for every rank (no
    /// index lists events by them: SQL read every event, 0.1-0.3 s at 1M), alone or with other criteria.
    /// </summary>
    [Theory]
    [InlineData("precision=day")]
    [InlineData("geo_precision=admin1&type=strike")]
    [InlineData("precision=month&region=Donetsk&from=2024-01-01")]
    public void APrecisionIsCountedFromItsStoredSet(string query)
    {
        var statements = Traced(connection => Assert.True(new EventQueries(connection).Count(Parsed(query).Filter) > 0, $"{query}: nothing matches"));
        Assert.DoesNotContain(statements, sql => sql.Contains("COUNT(") || sql.Contains("precision_rank") || sql.Contains("geo_rank"));
        using var connection = SqliteFiles.OpenReadOnly(dataset.Path);
        Assert.Equal(8, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM filter_sets WHERE key LIKE 'date_precision_at_most:%' OR key LIKE 'geo_precision_at_most:%'"));
    }

    /// <summary>Every statement of the query that chooses a page of events has a line of its plan that is <paramref name="wanted"/>.</summary>
    private void AssertEveryPagePlan(string query, Func<string, bool> wanted, string otherwise)
    {
        using var connection = SqliteFiles.OpenReadOnly(dataset.Path);
        var pages = Traced(query).Where(sql => sql.Contains("FROM events e") && sql.Contains("LIMIT")).ToList();
        Assert.NotEmpty(pages);
        foreach (var sql in pages)
        {
            var plan = Explain(connection, sql);
            Assert.True(plan.Any(wanted), $"{query}: {otherwise} in\n{sql}\n{string.Join("\n", plan)}");
        }
    }

    /// <summary>
    /// A page's seqs are chosen from an index and its rows read from event_details alone: no statement
    /// that chooses them opens the events table, a page read per row at scale, whether the seqs come from
    /// an index of events or from one of their own (the full-text index, the actors' links). (A box's
    /// are chosen in memory, from its points' seqs: PointSeqs.)
    /// </summary>
    [Theory]
    [InlineData("region=Donetsk&from=2024-01-01&to=2024-12-31")]
    [InlineData("actor=Kremlin")]
    [InlineData("q=refinery")]
    public void APageOpensNoRowOfTheEventsTable(string query)
    {
        using var connection = SqliteFiles.OpenReadOnly(dataset.Path);
        var events = connection.ExecuteScalar<long>("SELECT rootpage FROM sqlite_schema WHERE name = 'events'");
        // The statements that choose the page's seqs (with a LIMIT); its rows are then read by slot, without one.
        var pages = Traced(query).Where(sql => sql.Contains("LIMIT")).ToList();
        Assert.NotEmpty(pages);
        foreach (var sql in pages)
        {
            var opened = connection.Query("EXPLAIN " + sql).Where(op => (string)op.opcode == "OpenRead").Select(op => (long)op.p2);
            Assert.False(opened.Contains(events), $"{query}: the events table is read for\n{sql}");
        }
    }

    /// <summary>
    /// A timeline of a region, a country, a type or a sub-type is counted from the index alone, whatever
    /// it groups by among those, when SQL counts it (FilterBitmaps counts these from sets; SQL counts
    /// a document's events).
    /// </summary>
    [Theory]
    [InlineData("region=Donetsk&from=2024-01-01&to=2024-12-31", "month", "type")]
    [InlineData("region=Russia", "week", "subtype")]
    [InlineData("type=strike&from=2024-02-03&to=2024-05-17", "day", "subtype")]
    [InlineData("subtype=drone_strike", "year", null)]
    public void ATimelineIsCountedFromTheIndexAlone(string query, string interval, string? groupBy)
    {
        var parsed = Parsed(query);
        var statements = Traced(connection => Assert.NotEmpty(new EventQueries(connection, setsEnabled: false).Timeline(parsed.Filter, interval, groupBy)));
        using var connection = SqliteFiles.OpenReadOnly(dataset.Path);
        var timeline = Assert.Single(statements, sql => sql.Contains("GROUP BY period"));
        var plan = Explain(connection, timeline);
        Assert.True(plan.Any(l => l.Contains("USING COVERING INDEX events_by_")), $"{query}: rows read for\n{timeline}\n{string.Join("\n", plan)}");
    }

    /// <summary>
    /// The catalog's list of sources and the dataset's summary read their page and counts, not every
    /// document or event: an index in publication order, and counts written at import.
    /// </summary>
    [Fact]
    public void TheSourcesPageAndTheDatasetSummaryUseIndexesAndStoredCounts()
    {
        var statements = Traced(connection =>
        {
            var catalog = new CatalogQueries(connection);
            Assert.Equal(2, catalog.Documents(2, 0).Count);
            Assert.True(catalog.DocumentCount() > 2);
            Assert.Equal(6000, catalog.Summary().Events);
        });
        AssertNoneReadsEverything(statements, "the catalog");
    }

    [Fact]
    public void TheFullScanCheckCatchesAFullScan()
    {
        using var connection = SqliteFiles.OpenReadOnly(dataset.Path);
        const string sql = "SELECT e.id FROM events e WHERE e.quantity_unit LIKE '%x%' ORDER BY e.quantity_unit LIMIT 5";
        var plan = Explain(connection, sql);
        Assert.True(ReadsEverything(sql, plan), string.Join("\n", plan));
    }

    private void AssertNoneReadsEverything(IEnumerable<string> statements, string what)
    {
        using var connection = SqliteFiles.OpenReadOnly(dataset.Path);
        foreach (var sql in statements)
        {
            var plan = Explain(connection, sql);
            Assert.False(ReadsEverything(sql, plan), $"{what}: a full scan in\n{sql}\n{string.Join("\n", plan)}");
        }
    }

    /// <summary>The plan's lines (EXPLAIN QUERY PLAN's detail column).</summary>
    private static List<string> Explain(SqliteConnection connection, string sql) =>
        connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql).Select(r => r.Detail).ToList();

    /// <summary>The statements a first page and the page after it run, as SQLite saw them (parameters bound).</summary>
    private List<string> Traced(string query)
    {
        var parsed = Parsed(query);
        return Traced(connection =>
        {
            var queries = new EventQueries(connection);
            queries.Count(parsed.Filter);
            var page = queries.Page(parsed.Filter, parsed.Sort, null, 50);
            if (page.Count > 0) queries.Page(parsed.Filter, parsed.Sort, EventQueries.SortValues(page[^1], parsed.Sort), 50);
        });
    }

    /// <summary>The list endpoint's parameters, parsed as the endpoint parses them.</summary>
    private static ParsedEventQuery Parsed(string query)
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString("?" + query);
        var (parsed, errors) = EventQueryParser.Parse(http.Request, EventListQuery.Names);
        Assert.True(parsed is not null, string.Join("; ", errors.SelectMany(e => e.Value)));
        return parsed;
    }

    /// <summary>The queries <paramref name="run"/> makes on a connection to the dataset, as SQLite saw them (parameters bound).</summary>
    private List<string> Traced(Action<SqliteConnection> run)
    {
        var statements = new List<string>();
        using var connection = SqliteFiles.OpenReadOnly(dataset.Path);
        // Where the file's events are in event_details is read once per file, by a scan of events, and
        // kept: not a statement of any request.
        DetailSlots.Of(connection, new EventQueries(connection).DatasetVersion);
        raw.sqlite3_trace(connection.Handle, (strdelegate_trace)((_, sql) => statements.Add(sql)), null);
        run(connection);
        raw.sqlite3_trace(connection.Handle, (strdelegate_trace?)null, null);
        return statements.Where(s => s.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            || s.TrimStart().StartsWith("WITH", StringComparison.OrdinalIgnoreCase)).Distinct().ToList();
    }
}
