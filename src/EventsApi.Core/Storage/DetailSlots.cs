using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EventsApi.Core.Storage;

/// <summary>
/// Where each event's stored JSON lies in event_details. The events are cut into runs of
/// consecutive seqs (a month's events, or <see cref="MaxRun"/> of them); a run's rows take the
/// run's own seqs as their slots, in the order of their oblast (admin1), then seq. A page of one
/// oblast's events (the region page, the most asked for) then reads rows that share pages: in seq
/// order, among every other oblast's events, its 100 rows lay on about 100 different 8 KB pages at
/// 1M, each a read from the OS; now on about 20. A page in date order over every oblast (a deep
/// cursor, a common word) reads about one page more per oblast in it. Within a run the rows of one
/// oblast stay in seq order, so they also follow the date order.
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
    /// The slot of every seq of the file this connection reads (index seq; 0 unused), by the file's
    /// dataset version: the version hashes each event's start date and oblast in seq order, which are
    /// what its slots are made from, so files of one version share one map. Read once per version and
    /// kept for the few served lately: 4 bytes an event.
    /// </summary>
    public static int[] Of(SqliteConnection connection, string version) => Known.Get(version, () => ReadMap(connection));

    /// <summary>
    /// The stored JSON of these seqs' events, in their order, read into bytes taken from <paramref name="into"/>:
    /// those read lately from the ring every connection shares (DetailCache), the others from the file
    /// where the walk of the table found them (DetailOffsets; rows near each other with one read), or,
    /// before the walk is done and for a row it leaves out, with one blob handle moved from row to row
    /// by slot (sqlite3_blob_reopen): no statement to step, and no list of slots to pass one (a
    /// statement over json_each of the slots cost 6% more a page of scattered rows, in-process).
    /// </summary>
    /// <param name="keep">Whether the rows read from the file are kept in the ring: an export's are not, so
    /// that its thousands of rows, read once, do not push out the rows pages ask for again.</param>
    public static List<ReadOnlyMemory<byte>> Read(SqliteConnection connection, string version, int[] slots, IReadOnlyList<long> seqs, RentedBytes into, bool keep = true)
    {
        if (seqs.Count == 0) return [];
        var rows = new ReadOnlyMemory<byte>[seqs.Count];
        var missing = DetailCache.Take(version, seqs, rows, into);
        if (missing.Count > 0)
        {
            ReadFromFile(connection, version, slots, seqs, missing, rows, into);
            if (keep) DetailCache.Keep(version, seqs, missing, rows);
        }
        return [.. rows];
    }

    /// <summary>
    /// Rows at most this far apart in the file are read with one read, the bytes between them read
    /// and left unused. A page's rows in date order lie in runs, each oblast's events of a month side
    /// by side (see the summary): a deep cursor's 100 rows are about 20 runs at 1M, read in 20 reads
    /// where there were 100 (the reads were a fifth of the page's CPU). Alternating at 1M: a deep
    /// cursor's pages 10-17% faster, a type's in a date range 8% (its rows are a few apart); a gap of
    /// 16 KB did as well for the first and 9% worse for the second, and none (rows side by side only:
    /// their records' headers lie between them) no better than reading each row.
    /// </summary>
    private const int MaxGap = 4096;

    /// <summary>A read of several rows ends at this size: one chunk of the request's bytes (RentedBytes).</summary>
    private const int MaxSpan = 64 * 1024;

    private static void ReadFromFile(SqliteConnection connection, string version, int[] slots, IReadOnlyList<long> seqs, List<int> indexes, ReadOnlyMemory<byte>[] rows, RentedBytes into)
    {
        var started = Stopwatch.GetTimestamp();
        var offsets = DetailOffsets.Of(connection, version);
        var located = new List<(long Offset, int Length, int Index)>(indexes.Count);
        var unlocated = new List<int>();
        foreach (var i in indexes)
        {
            if (offsets is not null && offsets.TryLocate(slots[seqs[i]], out var offset, out var length)) located.Add((offset, length, i));
            else unlocated.Add(i);
        }
        located.Sort();
        for (var first = 0; first < located.Count;)
        {
            var (start, end) = (located[first].Offset, located[first].Offset + located[first].Length);
            var last = first + 1;
            for (; last < located.Count; last++)
            {
                var (offset, length, _) = located[last];
                if (offset - end > MaxGap || offset + length - start > MaxSpan) break;
                end = Math.Max(end, offset + length);
            }
            var bytes = into.Take((int)(end - start));
            var read = offsets!.TryRead(start, bytes.Span);
            for (var j = first; j < last; j++)
            {
                var (offset, length, i) = located[j];
                if (read) rows[i] = bytes.Slice((int)(offset - start), length);
                else unlocated.Add(i);
            }
            first = last;
        }
        if (unlocated.Count > 0) ReadThroughSqlite(connection, slots, seqs, unlocated, rows, into);
        if (SqliteTime.Enabled) SqliteTime.AddSince(started);
    }

    /// <summary>Rows the map does not hold (or a map let go of meanwhile): one blob handle moved from row to row.</summary>
    private static void ReadThroughSqlite(SqliteConnection connection, int[] slots, IReadOnlyList<long> seqs, List<int> indexes, ReadOnlyMemory<byte>[] rows, RentedBytes into)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        sqlite3_blob? blob = null;
        try
        {
            foreach (var i in indexes)
            {
                var slot = slots[seqs[i]];
                if (blob is null) SqliteException.ThrowExceptionForRC(raw.sqlite3_blob_open(db, "main", "event_details", "details", slot, 0, out blob), db);
                else SqliteException.ThrowExceptionForRC(raw.sqlite3_blob_reopen(blob, slot), db);
                var details = into.Take(raw.sqlite3_blob_bytes(blob));
                SqliteException.ThrowExceptionForRC(raw.sqlite3_blob_read(blob, details.Span, 0), db);
                rows[i] = details;
            }
        }
        finally
        {
            blob?.Dispose();
        }
    }

    private static readonly KeptPerFile<int[]> Known = new();

    private static int[] ReadMap(SqliteConnection connection)
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
