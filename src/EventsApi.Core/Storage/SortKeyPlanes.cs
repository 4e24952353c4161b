using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>
/// For pages sorted in memory (SortedScan), besides the calendar's planes of fatalities: the bit
/// planes of the events' source counts (plane k: the events whose count has bit k set) and the set of
/// the events whose fatalities are known (an unknown toll and a toll of 0 have no bit in any plane),
/// written at import (ColumnSets), read once per file. At 1M, with counts up to 4, 500 KB, held only
/// once such a page is asked for.
/// </summary>
internal sealed class SortKeyPlanes
{
    public ulong[][] SourcePlanes { get; }

    public ulong[] FatalitiesKnown { get; }

    private SortKeyPlanes(ulong[][] sourcePlanes, ulong[] fatalitiesKnown) => (SourcePlanes, FatalitiesKnown) = (sourcePlanes, fatalitiesKnown);

    public static SortKeyPlanes Of(SqliteConnection connection, string version, long events) => Known.Get(version, () =>
    {
        var known = connection.ScalarPrepared<byte[]>("SELECT bits FROM filter_sets WHERE key = @key", new { key = ColumnSets.FatalitiesKnownKey });
        return new SortKeyPlanes(Planes(connection, ColumnSets.SourcePlanePrefix, events), SeqBits.FromBlob(known ?? [], (events + 63) / 64));
    });

    private static readonly KeptPerFile<SortKeyPlanes> Known = new();

    /// <summary>
    /// The bit planes stored under keys of this prefix and a two-digit bit number: as many as the
    /// largest count has bits, a plane no event has a bit in (not written) empty.
    /// </summary>
    public static ulong[][] Planes(SqliteConnection connection, string prefix, long events)
    {
        // The keys from the prefix to the prefix with its colon's successor: the prefix's range in key order.
        var planes = connection.QueryPrepared<(string Key, byte[] Bits)>("SELECT key, bits FROM filter_sets WHERE key >= @prefix AND key < @beyond",
                new { prefix, beyond = prefix[..^1] + ';' })
            .ToDictionary(p => int.Parse(p.Key.AsSpan(prefix.Length)), p => p.Bits);
        return [.. Enumerable.Range(0, planes.Count == 0 ? 0 : planes.Keys.Max() + 1)
            .Select(k => SeqBits.FromBlob(planes.GetValueOrDefault(k, []), (events + 63) / 64))];
    }
}
