using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>
/// The events each common word occurs in, as bitmaps over seq (migration 0010): written once per
/// import from the full-text index, read to count a search of common words without walking its
/// matches. Event seq is bit (seq - 1) % 8 of byte (seq - 1) / 8; all of a file's bitmaps have the
/// same length, a whole number of 64-bit words, and are combined a word at a time.
/// </summary>
public static class SearchBitmaps
{
    /// <summary>A word gets a bitmap when it occurs in more than one event in this many.</summary>
    private const int CommonIn = 64;

    /// <summary>The words that get a bitmap, read from search_terms (which the migrations complete).</summary>
    internal static List<string> CommonWords(SqliteConnection connection, long events) =>
        connection.Query<string>("SELECT term FROM search_terms WHERE events * @CommonIn > @events ORDER BY term", new { CommonIn, events }).AsList();

    /// <summary>
    /// The bitmaps of these words, read from the full-text index of the file at <paramref name="path"/>
    /// on two read-only connections of their own: at 1M events, walking the index for 134 words took
    /// 3.6 s on one connection. Null for a word without matches.
    /// </summary>
    internal static byte[]?[] Read(string path, IReadOnlyList<string> words, long events)
    {
        var bitmaps = new byte[]?[words.Count];
        Parallel.For(0, words.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, () => MatchesOf(path),
            (i, _, matches) => { bitmaps[i] = Bitmap(matches, words[i], events); return matches; },
            matches => { var reading = matches.Connection!; matches.Dispose(); reading.Dispose(); });
        return bitmaps;
    }

    /// <summary>Inserts the words' bitmaps (Read's), in the caller's transaction.</summary>
    internal static void Insert(SqliteConnection connection, IReadOnlyList<string> words, byte[]?[] bitmaps)
    {
        using var insert = new PreparedInsert(connection, "INSERT INTO search_bitmaps (term, bits) VALUES ($term, $bits)");
        for (var i = 0; i < words.Count; i++)
            if (bitmaps[i] is { } bits) insert.Run(words[i], bits);
    }

    /// <summary>
    /// A word's matches come as one list (group_concat) rather than a row each: 1.5 s instead of 2.3 s for
    /// the 11 million matches of a 300k dataset's common words, most of that SQLite walking the index.
    /// </summary>
    private static SqliteCommand MatchesOf(string path)
    {
        var matches = new SqliteCommand("SELECT group_concat(rowid) FROM event_search WHERE event_search MATCH $match", SqliteFiles.OpenReadOnly(path));
        matches.Parameters.Add("$match", SqliteType.Text);
        return matches;
    }

    /// <summary>The events a word occurs in, as a bitmap; null when it has no match (not a word of search_terms).</summary>
    private static byte[]? Bitmap(SqliteCommand matches, string term, long events)
    {
        matches.Parameters[0].Value = FullText.Quoted(term);
        if (matches.ExecuteScalar() is not string list) return null;
        var bits = new byte[(events + 63) / 64 * 8];
        long seq = 0;
        foreach (var c in list)
        {
            if (c != ',')
            {
                seq = seq * 10 + (c - '0');
                continue;
            }
            Set(bits, seq);
            seq = 0;
        }
        Set(bits, seq);
        return bits;
    }

    private static void Set(byte[] bits, long seq) => bits[(seq - 1) >> 3] |= (byte)(1 << (int)((seq - 1) & 7));

    /// <summary>
    /// How many events have, for every group, at least one of its words, in a file of
    /// <paramref name="events"/> events; null when a word has no bitmap (a rare word: the full-text
    /// index counts its few matches quickly).
    /// </summary>
    public static long? Count(SqliteConnection connection, IReadOnlyList<IReadOnlyList<string>> groups, long events)
    {
        // Pooled arrays: a bitmap is 125 KB at 1M events, and a fresh one per request would be garbage on the large-object heap.
        var longs = (int)((events + 63) / 64);
        var all = ArrayPool<ulong>.Shared.Rent(longs);
        var any = ArrayPool<ulong>.Shared.Rent(longs);
        try
        {
            all.AsSpan(0, longs).Fill(ulong.MaxValue);
            foreach (var group in groups)
            {
                Array.Clear(any);
                if (Union(connection, group, any).Count > 0) return null;
                for (var i = 0; i < longs; i++) all[i] &= any[i];
            }
            long count = 0;
            foreach (var w in all.AsSpan(0, longs)) count += BitOperations.PopCount(w);
            return count;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(all);
            ArrayPool<ulong>.Shared.Return(any);
        }
    }

    /// <summary>
    /// ORs the bitmaps of those of <paramref name="words"/> that have one into <paramref name="bits"/>
    /// (at least the file's length in 64-bit words); returns the words that have none, the rare ones.
    /// </summary>
    public static List<string> Union(SqliteConnection connection, IReadOnlyList<string> words, ulong[] bits)
    {
        var rare = new HashSet<string>(words, StringComparer.Ordinal);
        byte[]? buffer = null;
        try
        {
            using var reader = connection.ReadPrepared("SELECT term, bits FROM search_bitmaps WHERE term IN @words", new { words });
            while (reader.Read())
            {
                var length = (int)reader.GetBytes(1, 0, null, 0, 0);
                buffer ??= ArrayPool<byte>.Shared.Rent(length);
                reader.GetBytes(1, 0, buffer, 0, length);
                var stored = MemoryMarshal.Cast<byte, ulong>(buffer.AsSpan(0, Math.Min(length, bits.Length * 8)));
                for (var i = 0; i < stored.Length; i++) bits[i] |= stored[i];
                rare.Remove(reader.GetString(0));
            }
        }
        finally
        {
            if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
        }
        return words.Where(rare.Contains).ToList();
    }
}
