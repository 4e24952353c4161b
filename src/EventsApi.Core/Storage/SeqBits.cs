namespace EventsApi.Core.Storage;

/// <summary>
/// Sets of events as bitmaps over seq, in 64-bit words: seq is bit (seq - 1) % 64 of word
/// (seq - 1) / 64, which in little-endian bytes is search_bitmaps' and filter_sets' layout.
/// </summary>
internal static class SeqBits
{
    public static void Set(ulong[] bits, long seq) => bits[(seq - 1) >> 6] |= 1UL << (int)((seq - 1) & 63);

    public static void Clear(ulong[] bits, long seq) => bits[(seq - 1) >> 6] &= ~(1UL << (int)((seq - 1) & 63));

    /// <summary>Sets every seq from <paramref name="first"/> to <paramref name="last"/>, a word at a time.</summary>
    public static void SetRange(ulong[] bits, long first, long last)
    {
        for (var w = (first - 1) >> 6; first <= last && w <= (last - 1) >> 6; w++) bits[w] |= Within(w, first, last);
    }

    /// <summary>The bits of word <paramref name="w"/> that lie from seq <paramref name="first"/> to seq <paramref name="last"/>.</summary>
    public static ulong Within(long w, long first, long last)
    {
        var word = ulong.MaxValue;
        if (w == (first - 1) >> 6) word &= ulong.MaxValue << (int)((first - 1) & 63);
        if (w == (last - 1) >> 6 && ((last - 1) & 63) != 63) word &= (1UL << (int)(((last - 1) & 63) + 1)) - 1;
        return word;
    }

    /// <summary>The count bit planes hold for one event (plane k: the events whose count has bit k set), by its word and bit.</summary>
    public static long Count(ulong[][] planes, long w, int bit)
    {
        long count = 0;
        for (var k = 0; k < planes.Length; k++) count |= (long)((planes[k][w] >> bit) & 1) << k;
        return count;
    }

    /// <summary>A stored set (a blob of that layout) as <paramref name="longs"/> words.</summary>
    public static ulong[] FromBlob(byte[] blob, long longs)
    {
        var bits = new ulong[longs];
        Buffer.BlockCopy(blob, 0, bits, 0, (int)Math.Min(blob.Length, longs * 8));
        return bits;
    }
}
