using Dapper;
using EventsApi.Core.Storage;
using Microsoft.Data.Sqlite;

namespace EventsApi.Importer.Tests;

/// <summary>SqliteTime's totals are process-wide: its tests run alone.</summary>
[CollectionDefinition(nameof(SqliteTimeTests), DisableParallelization = true)]
public sealed class SqliteTimeCollection;

/// <summary>
/// The benchmark's SQL time counts each statement once, as SQLite's profile hook reports it (whose
/// clock counts whole milliseconds: a short statement may add none), and a read of stored events
/// (DetailSlots: from the file by offset, or by blob handle), which runs no statement, as one more, timed here.
/// </summary>
[Collection(nameof(SqliteTimeTests))]
public sealed class SqliteTimeTests
{
    [Fact]
    public async Task StatementsAndReadsOfStoredEventsAreEachTimedOnce()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 300, seed: 3);
        var version = TempDirectory.DatasetVersion(connection);
        var slots = DetailSlots.Of(connection, version);
        // The map of the rows in the file is made once per version, after a statement of its own.
        await DetailOffsets.Walking(connection, version);
        SqliteTime.Attach(connection);

        var before = SqliteTime.Total;
        for (var seq = 1; seq <= 4; seq++) connection.Query<string>("SELECT id FROM events WHERE seq = @seq", new { seq });
        var statements = SqliteTime.Total;
        using var into = new RentedBytes();
        var rows = DetailSlots.Read(connection, version, slots, [5, 6, 7], into);
        var read = SqliteTime.Total;

        Assert.Equal(3, rows.Count);
        Assert.Equal(4, statements.Statements - before.Statements);
        Assert.Equal(1, read.Statements - statements.Statements);
        Assert.True(read.Milliseconds > statements.Milliseconds);
        SqliteConnection.ClearAllPools();
    }
}
