using Dapper;
using EventsApi.Core.Storage;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace EventsApi.Importer.Tests;

/// <summary>
/// meta.total for a region, type or sub-type over a date range comes from the counts written at
/// import, and pages find regions through the events' admin1 and country columns: both must say
/// exactly what a plain SQL count over the containment closure says, for any filter of that shape.
/// </summary>
public class CountRollupTests
{
    [Fact]
    public void RollupCountsAndRegionPagesAgreeWithCountingEveryEvent()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 4000, seed: 21);
        var places = connection.Query<(string Id, string Level)>("SELECT id, level FROM places WHERE event_count > 0").ToList();
        Assert.Contains(places, p => p.Level == "world_region");
        Assert.Contains(places, p => p.Level == "settlement");
        var types = connection.Query<string>("SELECT DISTINCT type FROM events").ToList();
        var subtypes = connection.Query<string>("SELECT DISTINCT subtype FROM events").ToList();
        var random = new Random(4);
        var checkedFilters = 0;

        for (var i = 0; i < 300; i++)
        {
            LocalDate? Day() => random.Next(4) == 0 ? null : new LocalDate(2018, 1, 1).PlusDays(random.Next(9 * 365));
            var (from, to) = (Day(), Day());
            if (from > to) (from, to) = (to, from);
            var within = random.Next(3) == 0;
            var filter = new EventFilter { From = from, To = to, Within = within };
            string? region = null;
            string? type = null, otherType = null, subtype = null;
            switch (random.Next(5))
            {
                case 0:
                    var place = places[random.Next(places.Count)];
                    region = place.Id;
                    filter = filter with { Regions = [place.Id] };
                    break;
                case 1:
                    type = types[random.Next(types.Count)];
                    filter = filter with { Types = [type] };
                    break;
                case 3: // two types: the sum of their scopes
                    (type, otherType) = (types[random.Next(types.Count)], types[random.Next(types.Count)]);
                    filter = filter with { Types = [type, otherType] };
                    break;
                case 2:
                    subtype = subtypes[random.Next(subtypes.Count)];
                    filter = filter with { Subtypes = [subtype] };
                    break;
            }
            var expected = connection.ExecuteScalar<long>("""
                SELECT COUNT(*) FROM events e
                WHERE (@region IS NULL OR e.place_id IN (SELECT pa.place_id FROM place_ancestors pa WHERE pa.ancestor_id = @region))
                  AND (@type IS NULL OR e.type IN (@type, COALESCE(@otherType, @type))) AND (@subtype IS NULL OR e.subtype = @subtype)
                  AND (@from IS NULL OR (CASE WHEN @within THEN e.date >= @from ELSE e.date_end >= @from END))
                  AND (@to IS NULL OR (CASE WHEN @within THEN e.date_end <= @to ELSE e.date <= @to END))
                """, new { region, type, otherType, subtype,
                    from = from?.ToString("yyyy-MM-dd", null), to = to?.ToString("yyyy-MM-dd", null), within });
            var queries = new EventQueries(connection);

            Assert.Equal(expected, queries.Count(filter));
            Assert.Equal(expected, queries.Stream(filter, EventSort.Default, null, int.MaxValue).LongCount());
            checkedFilters++;
        }
        Assert.Equal(300, checkedFilters);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The actors' counts and months are tallied as the events are written (ActorTallies): they must be what counting event_actors says.</summary>
    [Fact]
    public void ActorCountsAndMonthsAgreeWithCountingEventActors()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 3000, seed: 5);

        var actors = connection.Query<(string Id, long Own, long Total)>("SELECT id, event_count, event_count_total FROM actors").ToList();
        Assert.Contains(actors, a => a.Total > a.Own && a.Own > 0);
        foreach (var (id, own, total) in actors)
        {
            Assert.Equal(connection.ExecuteScalar<long>("SELECT COUNT(DISTINCT event_seq) FROM event_actors WHERE actor_id = @id", new { id }), own);
            Assert.Equal(connection.ExecuteScalar<long>("""
                SELECT COUNT(DISTINCT ea.event_seq) FROM actor_ancestors aa JOIN event_actors ea ON ea.actor_id = aa.actor_id
                WHERE aa.ancestor_id = @id
                """, new { id }), total);
        }
        var counted = connection.Query<(string, string, long, long)>("""
            SELECT substr(e.date, 1, 7), ea.actor_id, COUNT(DISTINCT e.seq), COALESCE(SUM(e.fatalities), 0)
            FROM event_actors ea JOIN events e ON e.seq = ea.event_seq GROUP BY 1, 2 ORDER BY 1, 2
            """).ToList();
        Assert.Equal(counted, connection.Query<(string, string, long, long)>("SELECT month, actor_id, events, fatalities FROM actor_month_counts ORDER BY 1, 2").ToList());
        SqliteConnection.ClearAllPools();
    }

    /// <summary>event_counts is tallied as the events are written (EventCountTallies): it must be what grouping the events by each scope says.</summary>
    [Fact]
    public void EventCountsAgreeWithGroupingTheEvents()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 3000, seed: 7);

        var grouped = connection.Query<(string, string, string, long)>("""
            SELECT '*', date, date_end, COUNT(*) FROM events GROUP BY date, date_end
            UNION ALL SELECT 'type:' || type, date, date_end, COUNT(*) FROM events GROUP BY type, date, date_end
            UNION ALL SELECT 'subtype:' || subtype, date, date_end, COUNT(*) FROM events GROUP BY subtype, date, date_end
            UNION ALL SELECT 'place:' || pa.ancestor_id, e.date, e.date_end, COUNT(*)
                      FROM events e JOIN place_ancestors pa ON pa.place_id = e.place_id
                      JOIN places p ON p.id = pa.ancestor_id AND p.level <> 'settlement'
                      GROUP BY pa.ancestor_id, e.date, e.date_end
            ORDER BY 1, 2, 3
            """).ToList();
        var tallied = connection.Query<(string, string, string, long)>("SELECT scope, date, date_end, events FROM event_counts ORDER BY 1, 2, 3").ToList();

        Assert.Contains(grouped, g => g.Item1.StartsWith("place:") && g.Item2 != g.Item3); // regions, and events longer than a day
        Assert.Equal(grouped, tallied);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// The places' and documents' counts, the days of day_type_counts and the longest event's span are
    /// tallied as the events are written (EventCountTallies): they must be what counting the events says.
    /// </summary>
    [Fact]
    public void CatalogCountsDaysAndSpanAgreeWithCountingTheEvents()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 3000, seed: 9);

        var places = connection.Query<(string, long)>("""
            SELECT p.id, (SELECT COUNT(*) FROM place_ancestors pa JOIN events e ON e.place_id = pa.place_id WHERE pa.ancestor_id = p.id)
            FROM places p ORDER BY 1
            """).ToList();
        Assert.Contains(places, p => p.Item2 > 1);
        Assert.Equal(places, connection.Query<(string, long)>("SELECT id, event_count FROM places ORDER BY 1").ToList());
        var documents = connection.Query<(string, long)>("""
            SELECT d.id, (SELECT COUNT(DISTINCT es.event_seq) FROM event_sources es WHERE es.document_id = d.id) FROM documents d ORDER BY 1
            """).ToList();
        Assert.Contains(documents, d => d.Item2 > 1);
        Assert.Equal(documents, connection.Query<(string, long)>("SELECT id, event_count FROM documents ORDER BY 1").ToList());
        var days = connection.Query<(string, string, string, long, long)>("""
            SELECT date, type, subtype, COUNT(*), COALESCE(SUM(fatalities), 0) FROM events GROUP BY date, type, subtype ORDER BY 1, 2, 3
            """).ToList();
        Assert.Equal(days, connection.Query<(string, string, string, long, long)>("SELECT date, type, subtype, events, fatalities FROM day_type_counts ORDER BY 1, 2, 3").ToList());
        var span = connection.ExecuteScalar<long>("SELECT CAST(MAX(julianday(date_end) - julianday(date)) AS INTEGER) FROM events");
        Assert.True(span >= 365); // a year-precision event
        Assert.Equal(span.ToString(System.Globalization.CultureInfo.InvariantCulture), connection.ExecuteScalar<string>("SELECT value FROM dataset WHERE key = 'max_span_days'"));
        SqliteConnection.ClearAllPools();
    }

}
