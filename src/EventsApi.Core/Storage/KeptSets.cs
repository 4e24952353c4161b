using System.Buffers;
using System.Numerics;

namespace EventsApi.Core.Storage;

/// <summary>
/// A criterion's set of events as FilterBitmaps keeps it: a bitmap over seq, or, when its members
/// are few (a settlement's, a rare word's), their seqs, at 4 bytes each rather than a bitmap's
/// 125 KB at 1M. Kept as bitmaps, a region class drawing settlements at random allocated 400 MB a
/// second on the large-object heap at 1M, and the GC ran 7-9 full collections a second.
/// </summary>
internal sealed class KeptSet
{
    private readonly ulong[]? bits;
    private readonly int[]? seqs;

    private KeptSet(ulong[]? bits, int[]? seqs) => (this.bits, this.seqs) = (bits, seqs);

    /// <summary>The members in ascending order when the set is kept as seqs, else null.</summary>
    public int[]? Seqs => seqs;

    /// <summary>What the set holds in memory.</summary>
    public long Bytes => bits is not null ? bits.Length * 8L : seqs is not null ? seqs.Length * 4L : 0;

    /// <summary>A whole bitmap, kept as it is.</summary>
    public static KeptSet OfBitmap(ulong[] bits) => new(bits, null);

    /// <summary>
    /// The set of the first <paramref name="longs"/> words of a bitmap the caller keeps (a rented one):
    /// as seqs when they take at most a quarter of the bitmap's bytes, else as a copy.
    /// </summary>
    public static KeptSet Of(ulong[] bits, int longs)
    {
        var words = bits.AsSpan(0, longs);
        long members = 0;
        foreach (var word in words) members += BitOperations.PopCount(word);
        if (members * 4 > longs * 8L / 4) return new(words.ToArray(), null);
        var seqs = new int[members];
        var n = 0;
        for (var w = 0; w < words.Length; w++)
            for (var word = words[w]; word != 0; word &= word - 1)
                seqs[n++] = w * 64 + BitOperations.TrailingZeroCount(word) + 1;
        return new(null, seqs);
    }

    /// <summary>
    /// The set as a bitmap of <paramref name="longs"/> words: the kept one, or the seqs' bits in an
    /// array rented from ArrayPool&lt;ulong&gt;.Shared (<paramref name="rented"/>), which the caller returns.
    /// </summary>
    public ulong[] Bitmap(int longs, out bool rented)
    {
        rented = bits is null;
        if (bits is not null) return bits;
        var expanded = ArrayPool<ulong>.Shared.Rent(longs);
        Array.Clear(expanded);
        foreach (var seq in seqs ?? []) SeqBits.Set(expanded, seq);
        return expanded;
    }
}

/// <summary>
/// The sets FilterBitmaps keeps for later requests, shared by every connection, up to
/// <see cref="MaxBytes"/> over the files served; the least recently used go first. A set being read
/// is kept as the read: requests that want it meanwhile wait for it rather than read it again (32
/// clients asking for a new region's pages at once read it 32 times).
/// </summary>
internal static class KeptSets
{
    /// <summary>Bytes kept at most: 256 bitmaps at 1M events (125 KB each), or far more sets of few members.</summary>
    private const long MaxBytes = 32L << 20;

    /// <summary>An entry's own cost beside its set and key: the list's node, the dictionary's entry, the task.</summary>
    private const long EntryBytes = 200;

    private static readonly object Gate = new();
    private static readonly Dictionary<string, LinkedListNode<(string Key, Task<KeptSet> Set, long Bytes)>> ByKey = new(StringComparer.Ordinal);
    private static readonly LinkedList<(string Key, Task<KeptSet> Set, long Bytes)> LeastRecentFirst = new();
    private static long keptBytes;

    /// <summary>The set kept under the key, else read and kept. <paramref name="reserve"/>: the most the read can hold, charged while it runs.</summary>
    public static KeptSet Get(string key, long reserve, Func<KeptSet> read)
    {
        TaskCompletionSource<KeptSet>? reading = null;
        Task<KeptSet> set;
        lock (Gate)
        {
            if (ByKey.TryGetValue(key, out var node))
            {
                LeastRecentFirst.Remove(node);
                LeastRecentFirst.AddLast(node);
                set = node.Value.Set;
            }
            else
            {
                reading = new TaskCompletionSource<KeptSet>(TaskCreationOptions.RunContinuationsAsynchronously);
                set = reading.Task;
                ByKey[key] = LeastRecentFirst.AddLast((key, set, reserve));
                keptBytes += reserve;
                ForgetOldest(key);
            }
        }
        if (reading is null)
        {
            // Another request's read: if it fails (its client left, its time ran out), this one reads for itself.
            try
            {
                return set.GetAwaiter().GetResult();
            }
            catch (Exception) when (!set.IsCompletedSuccessfully)
            {
                return read();
            }
        }
        try
        {
            var kept = read();
            lock (Gate)
            {
                // Charged the most it could hold while it was read; now what it holds, with its key.
                if (ByKey.TryGetValue(key, out var node) && node.Value.Set == set)
                {
                    var bytes = kept.Bytes + key.Length * 2L + EntryBytes;
                    keptBytes += bytes - node.Value.Bytes;
                    node.Value = node.Value with { Bytes = bytes };
                }
            }
            reading.SetResult(kept);
            return kept;
        }
        catch (Exception e)
        {
            lock (Gate)
                if (ByKey.TryGetValue(key, out var node) && node.Value.Set == set) Forget(node);
            reading.SetException(e);
            throw;
        }
    }

    private static void ForgetOldest(string keep)
    {
        while (keptBytes > MaxBytes && LeastRecentFirst.First is { } oldest && oldest.Value.Key != keep) Forget(oldest);
    }

    private static void Forget(LinkedListNode<(string Key, Task<KeptSet> Set, long Bytes)> node)
    {
        LeastRecentFirst.Remove(node);
        ByKey.Remove(node.Value.Key);
        keptBytes -= node.Value.Bytes;
    }
}
