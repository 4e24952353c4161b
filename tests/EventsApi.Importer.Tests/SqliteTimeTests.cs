using Dapper;
using EventsApi.Core.Storage;
using Microsoft.Data.Sqlite;

namespace EventsApi.Importer.Tests;

/// <summary>SqliteTime's totals are process-wide: its tests run alone.</summary>
[CollectionDefinition(nameof(SqliteTimeTests), DisableParallelization = true)]
public sealed class SqliteTimeCollection;

/// <summary>
/// The benchmark's SQL time counts each statement once as SQLite's profile hook reports it, except
/// statements stepped side by side (a box's points, PointRanges): their times, from first step to
/// reset, overlap, so the merge is timed once as a whole.
/// </summary>
[Collection(nameof(SqliteTimeTests))]
public sealed class SqliteTimeTests
{
    [Fact]
    public void StatementsSteppedSideBySideAreTimedOnceAsAWhole()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 300, seed: 3);
        var points = connection.Query<(double, double)>("SELECT longitude, latitude FROM event_points ORDER BY events DESC LIMIT 4").ToList();
        Assert.Equal(4, points.Count);
        SqliteTime.Attach(connection);

        var before = SqliteTime.Total;
        foreach (var (longitude, latitude) in points)
            connection.Query<long>("SELECT seq FROM events WHERE longitude = @longitude AND latitude = @latitude", new { longitude, latitude });
        var apart = SqliteTime.Total;
        var merged = PointRanges.Merge(connection, points, descending: true, after: null, count: 10);
        var whole = SqliteTime.Total;

        Assert.Equal(10, merged.Count);
        Assert.Equal(4, apart.Statements - before.Statements);
        Assert.Equal(1, whole.Statements - apart.Statements);
        Assert.True(whole.Milliseconds > apart.Milliseconds);
        // The hook counts this thread's statements again once the merge is over.
        connection.Query<long>("SELECT seq FROM events LIMIT 1");
        Assert.Equal(1, SqliteTime.Total.Statements - whole.Statements);
        SqliteConnection.ClearAllPools();
    }
}
