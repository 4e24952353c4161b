using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EventsApi.Core.Storage;

/// <summary>
/// The stored JSON of the events read lately, kept in one ring of bytes that every connection shares.
/// At 1M a page's rows lie scattered over the file: each is SQLite's descent to its row and a read of
/// an 8 KB page from the OS (a fifth of a box page's CPU), and each connection's own page cache holds
/// little of a 1.5 GB table. The pages asked for most (an oblast's newest, a dashboard's refresh, the
/// newest events of a box) ask for the same rows again, from whichever connection. The ring is written
/// in order and overwrites its oldest rows. Each row follows a header naming its seq, its file and where
/// it began, and each file has a table of where its seqs were last kept: a place whose header is no
/// longer that row's has been written over, and is a miss. Files are told apart by their dataset
/// version, which hashes the events' content. Off (nothing kept) until <see cref="Configure"/> gives it a size.
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

    /// <summary>
    /// Where each file's seqs' rows lie in the ring, for the file served and, while an import swaps it,
    /// the one before: an older file's table (4 MB at 1M) goes.
    /// </summary>
    private static readonly KeptPerFile<SeqPlaces> Files = new(versions: 2);
    private static int nextFile;
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
            (capacity, ring, head, hits, misses) = (bytes & ~7L, null, 0, 0, 0);
            Volatile.Write(ref reserved, 0);
            Files.Clear();
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
            var places = kept is null ? null : PlacesOf(version);
            for (var i = 0; i < seqs.Count; i++)
            {
                if (places is not null && Find(kept!, places, seqs[i]) is var (at, length)) found.Add((i, at, length));
                else missing.Add(i);
            }
        }
        foreach (var (i, at, length) in found)
        {
            var copy = into.Take(length);
            kept.AsSpan((int)((at + RowHeader.Size) % size), length).CopyTo(copy.Span);
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
            var places = PlacesOf(version);
            // Where each row goes, and then the end of them all reserved at once (one barrier a page,
            // not one a row), for the copies Take makes outside the lock.
            var at = new long[indexes.Count];
            var end = head;
            for (var j = 0; j < indexes.Count; j++)
            {
                var bytes = (RowHeader.Size + rows[indexes[j]].Length + 7) & ~7L; // each header on 8 bytes
                // A row as large as a good part of the ring would push out many others.
                if (bytes > capacity / 16) { at[j] = -1; continue; }
                // No row wraps around the end: one that would starts again at the beginning.
                if (end % capacity + bytes > capacity) end += capacity - end % capacity;
                (at[j], end) = (end, end + bytes);
            }
            Volatile.Write(ref reserved, end);
            Interlocked.MemoryBarrier();
            for (var j = 0; j < indexes.Count; j++)
            {
                if (at[j] < 0) continue;
                var (i, offset) = (indexes[j], (int)(at[j] % capacity));
                var row = rows[i].Span;
                var header = new RowHeader(at[j], seqs[i], places.File, row.Length);
                MemoryMarshal.Write(ring.AsSpan(offset), in header);
                row.CopyTo(ring.AsSpan(offset + RowHeader.Size));
                places.Set(seqs[i], offset);
            }
            head = end;
        }
    }

    /// <summary>
    /// Where a kept row of this seq lies (its header's position since the ring was made) and its
    /// length, if it is still there: the place its file's table names holds the header of that seq
    /// and file, written within the last lap. Under the lock.
    /// </summary>
    private static (long At, int Length)? Find(byte[] kept, SeqPlaces places, long seq)
    {
        var offset = places.Get(seq);
        if (offset < 0) return null;
        var header = MemoryMarshal.Read<RowHeader>(kept.AsSpan(offset));
        return header.Seq == seq && header.File == places.File && header.At >= head - capacity && header.At % capacity == offset
            ? (header.At, header.Length)
            : null;
    }

    /// <summary>The file's table, made empty (every seq a miss) the first time its version is seen. Under the lock.</summary>
    private static SeqPlaces PlacesOf(string version) => Files.Get(version, () => new SeqPlaces(nextFile++));

    /// <summary>
    /// What the ring holds before each row: a row is found through its file's table of places and
    /// taken only if the header there is still its own (the place may have been written over since).
    /// </summary>
    private readonly record struct RowHeader(long At, long Seq, int File, int Length)
    {
        public static readonly int Size = Unsafe.SizeOf<RowHeader>();
    }

    /// <summary>
    /// Where in the ring each seq of one file was last kept (its header's offset), in blocks of seqs
    /// made as rows are kept: 4 bytes an event, 4 MB at 1M, where a table of entries by (file, seq)
    /// cost a hash and its misses in memory each row kept or looked up (Keep was 4% of a type page's
    /// CPU at 1M).
    /// </summary>
    private sealed class SeqPlaces(int file)
    {
        private const int BlockBits = 14;
        private int[]?[] blocks = [];

        public int File { get; } = file;

        /// <summary>The offset kept for this seq, or -1.</summary>
        public int Get(long seq)
        {
            var block = seq >> BlockBits;
            return block < blocks.Length && blocks[block] is { } places ? places[seq & ((1 << BlockBits) - 1)] - 1 : -1;
        }

        public void Set(long seq, int offset)
        {
            var block = (int)(seq >> BlockBits);
            if (block >= blocks.Length) Array.Resize(ref blocks, block + 1);
            (blocks[block] ??= new int[1 << BlockBits])[seq & ((1 << BlockBits) - 1)] = offset + 1;
        }
    }
}
