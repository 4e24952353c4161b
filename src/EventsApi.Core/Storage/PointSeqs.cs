using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EventsApi.Core.Storage;

/// <summary>
/// Every located event's seq, by its point, read once per file from the location index and kept
/// (KeptPerFile): events take their place's coordinates, so a few thousand points hold them all
/// (4,681 at 1M), at 4 bytes an event. A page of a box alone is then merged here from its points'
/// lists, each in seq order, which is date order (events are stored in that order). Reading the same
/// ranges from the location index took a statement per point (0.24 ms for the bench's median box of
/// 24 points at 1M, in-process), and boxes of more points took other paths in SQL: side by side at
/// 1M, box requests went from 1,225-1,366 to 2,070-2,211 a second, 1.3-1.4 to 0.8 ms of CPU each.
/// A box with other criteria takes its set of seqs from here too (<see cref="Mark"/>, FilterBitmaps).
/// </summary>
public sealed class PointSeqs
{
    /// <summary>The points, by longitude, then latitude.</summary>
    private readonly double[] longitudes;
    private readonly double[] latitudes;

    /// <summary>Point i's seqs are seqs[starts[i]] up to seqs[starts[i + 1]], ascending.</summary>
    private readonly int[] starts;
    private readonly int[] seqs;

    private PointSeqs(double[] longitudes, double[] latitudes, int[] starts, int[] seqs) =>
        (this.longitudes, this.latitudes, this.starts, this.seqs) = (longitudes, latitudes, starts, seqs);

    /// <summary>The map of the file this connection reads, by its dataset version (see KeptPerFile).</summary>
    public static PointSeqs Of(SqliteConnection connection, string version) => Known.Get(version, () => Read(connection));

    private static readonly KeptPerFile<PointSeqs> Known = new();

    /// <summary>The points in the box, inclusive of its edges (as SQL's BETWEEN), as indexes into this map.</summary>
    public List<int> In((double MinLon, double MinLat, double MaxLon, double MaxLat) box)
    {
        var inBox = new List<int>();
        for (var i = FirstAtLeast(longitudes, box.MinLon); i < longitudes.Length && longitudes[i] <= box.MaxLon; i++)
        {
            if (latitudes[i] >= box.MinLat && latitudes[i] <= box.MaxLat) inBox.Add(i);
        }
        return inBox;
    }

    /// <summary>How many events lie at these points.</summary>
    public long Events(IEnumerable<int> points) => points.Sum(p => (long)(starts[p + 1] - starts[p]));

    public (double Longitude, double Latitude) Coordinates(int point) => (longitudes[point], latitudes[point]);

    /// <summary>Sets the bits of the events at these points (a box's set, for FilterBitmaps); returns the bits.</summary>
    public ulong[] Mark(IEnumerable<int> points, ulong[] bits)
    {
        foreach (var p in points)
            for (var i = starts[p]; i < starts[p + 1]; i++) SeqBits.Set(bits, seqs[i]);
        return bits;
    }

    /// <summary>
    /// The first <paramref name="count"/> seqs in date order (newest first if <paramref name="descending"/>)
    /// among the events at these points, after the cursor's seq if there is one: each point's next seq
    /// waits in a heap, and the head is the page's next event.
    /// </summary>
    public List<long> Page(IReadOnlyList<int> points, bool descending, long? afterSeq, int count)
    {
        var next = new PriorityQueue<int, int>(points.Count, descending ? LargestFirst : Comparer<int>.Default);
        // Where each point's next seq lies in seqs.
        var at = new int[points.Count];
        for (var k = 0; k < points.Count; k++)
        {
            var (first, end) = (starts[points[k]], starts[points[k] + 1]);
            at[k] = descending
                ? (afterSeq is { } before ? Position(first, end, before) : end) - 1
                : afterSeq is { } after ? Position(first, end, after + 1) : first;
            if (at[k] >= first && at[k] < end) next.Enqueue(k, seqs[at[k]]);
        }
        var page = new List<long>(count);
        while (page.Count < count && next.TryDequeue(out var k, out var seq))
        {
            page.Add(seq);
            at[k] += descending ? -1 : 1;
            if (at[k] >= starts[points[k]] && at[k] < starts[points[k] + 1]) next.Enqueue(k, seqs[at[k]]);
        }
        return page;
    }

    /// <summary>Orders a heap largest first: its head is then the newest of the points' next events.</summary>
    private static readonly Comparer<int> LargestFirst = Comparer<int>.Create((a, b) => b.CompareTo(a));

    /// <summary>The index of the first of seqs[first..end) that is at least <paramref name="seq"/> (end if none is).</summary>
    private int Position(int first, int end, long seq)
    {
        if (seq > int.MaxValue) return end;
        var found = Array.BinarySearch(seqs, first, end - first, (int)seq);
        return found >= 0 ? found : ~found;
    }

    /// <summary>The index of the first value that is at least <paramref name="value"/> in a sorted array.</summary>
    private static int FirstAtLeast(double[] sorted, double value)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] < value) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    /// <summary>
    /// The location index in its own order (point, then date and id: seq order within a point), its
    /// entries alone, stepped on SQLite's own statement handle: 0.24 s for 860,000 located events at 1M
    /// in sqlite3's shell, about 0.3 s here, where Microsoft.Data.Sqlite's reader took 0.8-1.1 s.
    /// </summary>
    private static PointSeqs Read(SqliteConnection connection)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var (longitudes, latitudes, starts, seqs) = (new List<double>(), new List<double>(), new List<int>(), new List<int>());
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, """
            SELECT longitude, latitude, seq FROM events INDEXED BY events_by_location
            WHERE longitude IS NOT NULL ORDER BY longitude, latitude, date, id
            """, out var statement), db);
        using (statement)
        {
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var (longitude, latitude) = (raw.sqlite3_column_double(statement, 0), raw.sqlite3_column_double(statement, 1));
                if (longitudes.Count == 0 || longitude != longitudes[^1] || latitude != latitudes[^1])
                {
                    longitudes.Add(longitude);
                    latitudes.Add(latitude);
                    starts.Add(seqs.Count);
                }
                seqs.Add(checked((int)raw.sqlite3_column_int64(statement, 2)));
            }
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
        }
        starts.Add(seqs.Count);
        return new PointSeqs([.. longitudes], [.. latitudes], [.. starts], [.. seqs]);
    }
}
