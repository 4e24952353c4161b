namespace EventsApi.Core.Storage;

/// <summary>
/// The stored JSON of the events read lately, kept in one ring of bytes that every connection shares.
/// At 1M a page's rows lie scattered over the file: each is SQLite's descent to its row and a read of
/// an 8 KB page from the OS (a fifth of a box page's CPU), and each connection's own page cache holds
/// little of a 1.5 GB table. The pages asked for most (an oblast's newest, a dashboard's refresh, the
/// newest events of a box) ask for the same rows again, from whichever connection. The ring is written
/// in order and overwrites its oldest rows; an entry knows where its bytes began, so an overwritten one
/// is a miss. Rows of different files are told apart by the file's dataset version, which hashes the
/// events' content. Off (nothing kept) until <see cref="Configure"/> gives it a size.
/// </summary>
public static class DetailCache
{
    private static readonly Lock Gate = new();
    private static long capacity;
    private static byte[]? ring;

    /// <summary>Bytes written since the ring was made: where the next row goes (modulo the capacity).</summary>
    private static long head;

    /// <summary>
    /// The end of the bytes <see cref="Keep"/> has begun to write: it is set before a row's bytes are,
    /// so a row that began below <c>reserved - capacity</c> may have been overwritten. Read without the lock.
    /// </summary>
    private static long reserved;

    private static readonly Dictionary<(int File, long Seq), (long At, int Length)> Entries = [];
    private static readonly Dictionary<string, int> FileIds = new(StringComparer.Ordinal);
    private static long hits, misses;

    /// <summary>Rows found in the ring and rows read from the files, since the start (or the last <see cref="Configure"/>).</summary>
    public static (long Hits, long Misses) Counts => (Interlocked.Read(ref hits), Interlocked.Read(ref misses));

    /// <summary>The ring's size in bytes; 0 keeps nothing. Empties what was kept.</summary>
    public static void Configure(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, Array.MaxLength);
        lock (Gate)
        {
            (capacity, ring, head, hits, misses) = (bytes, null, 0, 0, 0);
            Volatile.Write(ref reserved, 0);
            Entries.Clear();
            FileIds.Clear();
        }
    }

    /// <summary>
    /// Copies the kept rows of these seqs into <paramref name="rows"/> (at the seq's index, in bytes
    /// taken from <paramref name="into"/>) and returns the indexes of the others, in order.
    /// </summary>
    /// <remarks>
    /// Only the lookups hold the lock; the rows are copied after it, while connections may be keeping
    /// rows over them, and a row whose bytes the writer had reserved by the end of its copy is counted
    /// a miss (see <see cref="reserved"/>). Copied under the lock, a box page's 150 KB held every other
    /// connection waiting: the copy and the lock were 14% of its CPU at 1M.
    /// </remarks>
    public static List<int> Take(string version, IReadOnlyList<long> seqs, ReadOnlyMemory<byte>[] rows, RentedBytes into)
    {
        var missing = new List<int>();
        var found = new List<(int Index, long At, int Length)>(seqs.Count);
        byte[]? kept;
        long size;
        lock (Gate)
        {
            (kept, size) = (ring, capacity);
            var known = kept is not null && FileIds.TryGetValue(version, out var file) ? file : -1;
            for (var i = 0; i < seqs.Count; i++)
            {
                if (known >= 0 && Entries.TryGetValue((known, seqs[i]), out var entry) && entry.At >= head - size) found.Add((i, entry.At, entry.Length));
                else missing.Add(i);
            }
        }
        foreach (var (i, at, length) in found)
        {
            var copy = into.Take(length);
            kept.AsSpan((int)(at % size), length).CopyTo(copy.Span);
            rows[i] = copy;
        }
        // The copies are read before the reservation is: a row that Keep began to overwrite during
        // them was reserved by then (Keep reserves, then writes).
        Interlocked.MemoryBarrier();
        var overwritten = Volatile.Read(ref reserved) - size;
        var read = missing.Count;
        foreach (var (i, at, _) in found)
            if (at < overwritten) missing.Add(i);
        if (missing.Count > read) missing.Sort();
        Interlocked.Add(ref misses, missing.Count);
        Interlocked.Add(ref hits, seqs.Count - missing.Count);
        return missing;
    }

    /// <summary>Keeps the rows at these indexes (read from the file) for the next requests that want them.</summary>
    public static void Keep(string version, IReadOnlyList<long> seqs, IReadOnlyList<int> indexes, ReadOnlyMemory<byte>[] rows)
    {
        lock (Gate)
        {
            if (capacity == 0) return;
            if (ring is null)
            {
                // Touched now, so the process's RSS takes the ring at once, not as it fills (the soak
                // checks that RSS does not grow). On the pinned heap, which the GC never compacts: the
                // server has it compact a fragmented large-object heap (ConserveMemory in its project),
                // and moving a ring of up to a gigabyte would stall every request.
                ring = GC.AllocateUninitializedArray<byte>((int)capacity, pinned: true);
                ring.AsSpan().Clear();
            }
            if (!FileIds.TryGetValue(version, out var file)) FileIds[version] = file = FileIds.Count;
            foreach (var i in indexes)
            {
                var row = rows[i].Span;
                // A row as large as a good part of the ring would push out many others.
                if (row.Length > capacity / 16) continue;
                // No row wraps around the end: one that would starts again at the beginning.
                if (head % capacity + row.Length > capacity) head += capacity - head % capacity;
                // Reserved before the bytes change, for the copies Take makes outside the lock.
                Volatile.Write(ref reserved, head + row.Length);
                Interlocked.MemoryBarrier();
                row.CopyTo(ring.AsSpan((int)(head % capacity)));
                Entries[(file, seqs[i])] = (head, row.Length);
                head += row.Length;
            }
            // Overwritten entries stay until the table holds several times what the ring can: then they go.
            if (Entries.Count > Math.Max(1024, capacity / 512)) Forget();
        }
    }

    private static void Forget()
    {
        var oldest = head - capacity;
        foreach (var (key, entry) in Entries)
            if (entry.At < oldest) Entries.Remove(key);
    }
}
