using EventsApi.Core.Domain;
using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>
/// The sets of filter_sets (migration 0020), tallied as the writer passes each event: a bit per event
/// for its oblast, country, type and sub-type, where reading them back from the indexes after the
/// load would read every event four times. Only the common values' sets are written: a rare value's
/// few events are read from its index quickly. And the bit planes of the events' fatalities (plane k:
/// the events whose count has bit k set), which SeqCalendar sums timelines' fatalities from. And for
/// the dates' and the places' precision, a set per rank of the events at that rank or finer (what
/// precision= and geo_precision= ask for), every rank's, however few: no index lists events by them,
/// and at 1M SQL read every event to count or page a filter with one (0.1-1.5 s). And for pages
/// sorted in memory (SortedScan), the bit planes of the events' source counts, and the set of the
/// events whose fatalities are known (the planes of an unknown toll and of 0 are alike).
/// </summary>
internal sealed class ColumnSets
{
    /// <summary>A value's set is written when it holds more than one event in this many (as search_bitmaps' words).</summary>
    private const int CommonIn = 64;

    private sealed class Set
    {
        public readonly List<ulong> Bits = [];
        public long Events;
    }

    // By column, then value: no key is made per event.
    private readonly Dictionary<string, Set>[] columns = [new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
    private static readonly string[] Names = ["type", "subtype", "admin1", "country"];

    private readonly Dictionary<string, Set> fatalityPlanes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Set> sourcePlanes = new(StringComparer.Ordinal);
    private readonly Set fatalitiesKnown = new();

    /// <summary>The key of fatalities' bit plane k in filter_sets (made once: a count's bits are marked for every event).</summary>
    private static readonly string[] FatalityPlanes = [.. Enumerable.Range(0, 32).Select(k => $"{FatalityPlanePrefix}{k:D2}")];

    public const string FatalityPlanePrefix = "fatalities_bit:";

    /// <summary>The key of the source counts' bit plane k in filter_sets.</summary>
    private static readonly string[] SourcePlanes = [.. Enumerable.Range(0, 32).Select(k => $"{SourcePlanePrefix}{k:D2}")];

    public const string SourcePlanePrefix = "source_count_bit:";

    /// <summary>The key in filter_sets of the events whose fatalities are known.</summary>
    public const string FatalitiesKnownKey = "fatalities_known";

    /// <summary>The events at each rank of precision (by date, by place), made cumulative when written.</summary>
    private readonly Set[] datePrecisions = [.. Enum.GetValues<DatePrecision>().Select(_ => new Set())];
    private readonly Set[] geoPrecisions = [.. Enum.GetValues<GeoPrecision>().Select(_ => new Set())];

    /// <summary>The key in filter_sets of the events dated at this precision or finer.</summary>
    public static string DatePrecisionKey(DatePrecision precision) => $"date_precision_at_most:{(int)precision}";

    /// <summary>The key in filter_sets of the events located at this precision or finer.</summary>
    public static string GeoPrecisionKey(GeoPrecision precision) => $"geo_precision_at_most:{(int)precision}";

    public void Add(long seq, string type, string subtype, string? admin1, string? country, int? fatalities, int sources, DatePrecision precision, GeoPrecision? geoPrecision)
    {
        Mark(datePrecisions[(int)precision], seq);
        if (geoPrecision is { } located) Mark(geoPrecisions[(int)located], seq);
        if (fatalities is int count)
        {
            Mark(fatalitiesKnown, seq);
            MarkPlanes(fatalityPlanes, FatalityPlanes, count, seq);
        }
        MarkPlanes(sourcePlanes, SourcePlanes, sources, seq);
        Mark(columns[0], type, seq);
        Mark(columns[1], subtype, seq);
        if (admin1 is not null) Mark(columns[2], admin1, seq);
        if (country is not null) Mark(columns[3], country, seq);
    }

    /// <summary>Marks the event in the plane of each bit its count has.</summary>
    private static void MarkPlanes(Dictionary<string, Set> planes, string[] keys, int count, long seq)
    {
        for (var k = 0; count >> k > 0; k++)
            if (((count >> k) & 1) != 0) Mark(planes, keys[k], seq);
    }

    private static void Mark(Dictionary<string, Set> column, string value, long seq)
    {
        if (!column.TryGetValue(value, out var set)) column[value] = set = new Set();
        Mark(set, seq);
    }

    private static void Mark(Set set, long seq)
    {
        var word = (int)((seq - 1) >> 6);
        while (set.Bits.Count <= word) set.Bits.Add(0);
        set.Bits[word] |= 1UL << (int)((seq - 1) & 63);
        set.Events++;
    }

    /// <summary>Writes the common values' sets, each as long as a file of <paramref name="events"/> events needs.</summary>
    public void Write(SqliteConnection connection, long events)
    {
        var longs = (int)((events + 63) / 64);
        using var transaction = connection.BeginTransaction();
        using (var insert = new PreparedInsert(connection, "INSERT INTO filter_sets (key, bits) VALUES ($key, $bits)"))
        {
            for (var c = 0; c < columns.Length; c++)
                foreach (var (value, set) in columns[c].Where(s => s.Value.Events * CommonIn > events).OrderBy(s => s.Key, StringComparer.Ordinal))
                    insert.Run($"{Names[c]}:{value}", Blob(set, longs));
            foreach (var (key, plane) in fatalityPlanes.Concat(sourcePlanes)) insert.Run(key, Blob(plane, longs));
            insert.Run(FatalitiesKnownKey, Blob(fatalitiesKnown, longs));
            foreach (var (rank, atMost) in AtMost(datePrecisions, longs)) insert.Run(DatePrecisionKey((DatePrecision)rank), atMost);
            foreach (var (rank, atMost) in AtMost(geoPrecisions, longs)) insert.Run(GeoPrecisionKey((GeoPrecision)rank), atMost);
        }
        transaction.Commit();
    }

    /// <summary>For each rank, the blob of the events at it or a finer one (a lower rank): the ranks' sets ORed in order.</summary>
    private static IEnumerable<(int Rank, byte[] Blob)> AtMost(Set[] ranks, int longs)
    {
        var atMost = new Set();
        for (var rank = 0; rank < ranks.Length; rank++)
        {
            for (var w = 0; w < ranks[rank].Bits.Count; w++)
            {
                while (atMost.Bits.Count <= w) atMost.Bits.Add(0);
                atMost.Bits[w] |= ranks[rank].Bits[w];
            }
            yield return (rank, Blob(atMost, longs));
        }
    }

    private static byte[] Blob(Set set, int longs)
    {
        var blob = new byte[longs * 8];
        for (var w = 0; w < set.Bits.Count; w++) BitConverter.TryWriteBytes(blob.AsSpan(w * 8, 8), set.Bits[w]);
        return blob;
    }
}
