using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>
/// Each event's place in the order of ids (SQLite's BINARY order, the id index's), by seq: what
/// breaks ties on every other key of a page sorted in memory (SortedScan) when the date is not among
/// them (among events of one day, seq order is already id order). Written at import from the id index
/// (event_id_ranks, migration 0022), read once per file: 4 MB at 1M, held only once such a page is
/// asked for.
/// </summary>
internal static class EventIdRanks
{
    /// <summary>Writes the ranks of the file's events (its id index built), in one blob.</summary>
    public static void Write(SqliteConnection connection, long events)
    {
        var ranks = new int[events];
        var rank = 0;
        using (var reader = connection.ReadPrepared("SELECT seq FROM events ORDER BY id"))
            while (reader.Read()) ranks[reader.GetInt64(0) - 1] = rank++;
        using var insert = new PreparedInsert(connection, "INSERT INTO event_id_ranks (ranks) VALUES ($ranks)");
        insert.Run(MemoryMarshal.AsBytes(ranks.AsSpan()).ToArray());
    }

    /// <summary>The ranks of the file this connection reads: rank of seq s at [s - 1].</summary>
    public static int[] Of(SqliteConnection connection, string version) => Known.Get(version, () =>
    {
        var blob = connection.ScalarPrepared<byte[]>("SELECT ranks FROM event_id_ranks") ?? [];
        return MemoryMarshal.Cast<byte, int>(blob).ToArray();
    });

    private static readonly KeptPerFile<int[]> Known = new();
}
