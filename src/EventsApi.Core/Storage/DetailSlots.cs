using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>
/// Where each event's stored JSON lies in event_details. The events are cut into runs of
/// consecutive seqs (a month's events, or <see cref="MaxRun"/> of them); a run's rows take the
/// run's own seqs as their slots, in the order of their oblast (admin1), then seq. A page of one
/// oblast's events (the region page, the most asked for) then reads rows that share pages: at 1M,
/// its 100 rows lay on about 100 different 8 KB pages in seq order, each a read from the OS.
/// Within a run the rows of one oblast stay in seq order, so they also follow the date order.
/// </summary>
public static class DetailSlots
{
    /// <summary>A run ends at this many events even within a month: the writer holds a run in memory.</summary>
    public const int MaxRun = 1 << 16;

    /// <summary>Whether an event of this start date (ISO) begins a new run after the run so far.</summary>
    public static bool EndsRun(string runStart, string date, int runLength) =>
        runLength >= MaxRun || string.CompareOrdinal(runStart, 0, date, 0, 7) != 0;

    /// <summary>
    /// A run's order in event_details: the run's indexes of its events, by oblast (events with none
    /// first), then as they came (seq order). A stable sort of the indexes.
    /// </summary>
    public static int[] Order(IReadOnlyList<string?> admin1s)
    {
        var order = Enumerable.Range(0, admin1s.Count).ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(admin1s[a], admin1s[b]) is var byRegion and not 0 ? byRegion : a.CompareTo(b));
        return order;
    }

    /// <summary>
    /// The slot of every seq of the file this connection reads (index seq; 0 unused). Read once per
    /// file and shared by its connections: 4 bytes an event.
    /// </summary>
    public static int[] Of(SqliteConnection connection, string version)
    {
        // The file's path, size and time name it (an import writes a new file and moves it into place),
        // and its version its content.
        var file = new FileInfo(connection.DataSource);
        var key = $"{file.FullName}|{file.Length}|{file.LastWriteTimeUtc.Ticks}|{version}";
        lock (Known)
        {
            var found = Known.Find(k => k.Key == key);
            if (found.Slots is not null) return found.Slots;
        }
        var slots = Read(connection);
        lock (Known)
        {
            // The files served lately: the one served and, while an import swaps it, the one before.
            if (Known.Count >= KeptFiles) Known.RemoveAt(0);
            Known.Add((key, slots));
        }
        return slots;
    }

    private const int KeptFiles = 4;

    private static readonly List<(string Key, int[] Slots)> Known = [];

    private static int[] Read(SqliteConnection connection)
    {
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM events";
        var slots = new int[Convert.ToInt32(count.ExecuteScalar()) + 1];
        // From the index by seq alone (its entries end in the slot, the rowid): 20 MB at 1M, not the rows' 1.5 GB.
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, slot FROM event_details INDEXED BY event_details_by_seq";
        using var reader = command.ExecuteReader();
        while (reader.Read()) slots[reader.GetInt32(0)] = reader.GetInt32(1);
        return slots;
    }
}
