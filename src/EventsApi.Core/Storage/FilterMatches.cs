using System.Buffers;
using System.Numerics;

namespace EventsApi.Core.Storage;

/// <summary>
/// The sets of one request's criteria (FilterBitmaps), ANDed: bitmaps over seq, a word at a time,
/// over the words that can hold a match (a date range's: outside them no set's words are read, and
/// the range's own set is not even cleared); and kept sets of few members (a settlement's, a rare
/// word's) as their seqs. When there is such a set, the fewest seqs lead: a total or a page walks
/// them and tests each in the others. Made into bitmaps, every such request cleared, filled and then
/// scanned bitmaps the size of the file (125 KB at 1M), however few its matches.
/// Gives the rented bitmaps back on Dispose.
/// </summary>
internal sealed class FilterMatches(long events) : IDisposable
{
    private readonly int longs = (int)((events + 63) / 64);
    private readonly List<ulong[]> sets = [];
    private readonly List<ulong[]> rented = [];
    private readonly List<KeptSet> sparse = [];

    public int FirstWord { get; private set; }

    public int LastWord { get; private set; } = (int)((events + 63) / 64) - 1;

    /// <summary>No match lies outside these words (a date range's).</summary>
    public void Restrict(int firstWord, int lastWord) =>
        (FirstWord, LastWord, counted) = (Math.Max(FirstWord, firstWord), Math.Min(LastWord, lastWord), null);

    /// <summary>A bitmap of <c>longs</c> words (or more); a rented one goes back to the pool on Dispose.</summary>
    public void Add(ulong[] set, bool rented)
    {
        counted = null;
        sets.Add(set);
        if (rented) this.rented.Add(set);
    }

    /// <summary>A kept set: its bitmap, or its seqs when it is kept as seqs.</summary>
    public void Add(KeptSet set)
    {
        if (set.Seqs is null)
        {
            Add(set.Bitmap(longs, out var isRented), isRented);
            return;
        }
        counted = null;
        sparse.Add(set);
    }

    /// <summary>How many events match: counted once (a first page's total, then its sorted page, ask again).</summary>
    public long Count() => counted ??= Counted();

    private long? counted;

    private long Counted()
    {
        if (Lead() is not { } lead)
        {
            if (sets.Count == 0) return Math.Max(0, LastSeq - FirstSeq + 1);
            long count = 0;
            for (var w = FirstWord; w <= LastWord; w++) count += BitOperations.PopCount(Word(w));
            return count;
        }
        var (low, high) = Span(lead, FirstSeq, LastSeq);
        long matched = 0;
        for (var i = low; i < high; i++)
            if (InOthers(lead, lead[i])) matched++;
        return matched;
    }

    /// <summary>Up to <paramref name="count"/> matching seqs from <paramref name="from"/> down.</summary>
    public List<long> Down(long from, int count)
    {
        var seqs = new List<long>(count);
        if (Lead() is { } lead)
        {
            var (low, high) = Span(lead, FirstSeq, Math.Min(from, LastSeq));
            for (var i = high - 1; i >= low && seqs.Count < count; i--)
                if (InOthers(lead, lead[i])) seqs.Add(lead[i]);
            return seqs;
        }
        for (var w = (int)Math.Min((from - 1) >> 6, LastWord); from >= 1 && w >= FirstWord && seqs.Count < count; w--)
        {
            var word = Word(w) & SeqBits.Within(w, 1, from);
            while (word != 0 && seqs.Count < count)
            {
                var top = 63 - BitOperations.LeadingZeroCount(word);
                seqs.Add(w * 64L + top + 1);
                word &= ~(1UL << top);
            }
        }
        return seqs;
    }

    /// <summary>Up to <paramref name="count"/> matching seqs from <paramref name="from"/> up.</summary>
    public List<long> Up(long from, int count)
    {
        var seqs = new List<long>(count);
        if (Lead() is { } lead)
        {
            var (low, high) = Span(lead, Math.Max(from, FirstSeq), LastSeq);
            for (var i = low; i < high && seqs.Count < count; i++)
                if (InOthers(lead, lead[i])) seqs.Add(lead[i]);
            return seqs;
        }
        for (var w = (int)Math.Max((from - 1) >> 6, FirstWord); w <= LastWord && seqs.Count < count; w++)
        {
            var word = Word(w) & SeqBits.Within(w, from, events);
            while (word != 0 && seqs.Count < count)
            {
                seqs.Add(w * 64L + BitOperations.TrailingZeroCount(word) + 1);
                word &= word - 1;
            }
        }
        return seqs;
    }

    public bool Contains(long seq) =>
        seq >= FirstSeq && seq <= LastSeq && InBitmaps((int)seq) && InSparse((int)seq, except: null);

    /// <summary>
    /// The matches of word <paramref name="w"/>, for a walk over every word (a timeline's): the sets
    /// kept as seqs are made into bitmaps first (rented, given back on Dispose).
    /// </summary>
    public ulong WordOfAll(int w)
    {
        if (sparse.Count > 0) Expand();
        return Word(w);
    }

    private void Expand()
    {
        foreach (var set in sparse) Add(set.Bitmap(longs, out var rented), rented);
        sparse.Clear();
    }

    public void Dispose()
    {
        foreach (var set in rented) ArrayPool<ulong>.Shared.Return(set);
        rented.Clear();
    }

    private long FirstSeq => FirstWord * 64L + 1;

    private long LastSeq => Math.Min(events, LastWord * 64L + 64);

    /// <summary>The bitmaps' matches in word <paramref name="w"/> (every seq when there are none).</summary>
    private ulong Word(int w)
    {
        if (w < FirstWord || w > LastWord) return 0;
        if (sets.Count == 0) return ulong.MaxValue;
        var word = sets[0][w];
        for (var i = 1; i < sets.Count && word != 0; i++) word &= sets[i][w];
        return word;
    }

    /// <summary>The set kept as seqs with the fewest, or null when there is none.</summary>
    private int[]? Lead() => sparse.Count == 0 ? null : sparse.MinBy(set => set.Seqs!.Length)!.Seqs;

    /// <summary>Whether a seq of the lead is in every other set.</summary>
    private bool InOthers(int[] lead, int seq) => InBitmaps(seq) && InSparse(seq, except: lead);

    private bool InBitmaps(int seq)
    {
        var (w, bit) = ((seq - 1) >> 6, 1UL << ((seq - 1) & 63));
        foreach (var set in sets)
            if ((set[w] & bit) == 0) return false;
        return true;
    }

    private bool InSparse(int seq, int[]? except)
    {
        foreach (var set in sparse)
            if (!ReferenceEquals(set.Seqs, except) && Array.BinarySearch(set.Seqs!, seq) < 0) return false;
        return true;
    }

    /// <summary>The indexes of the seqs from <paramref name="first"/> to <paramref name="last"/>: [low, high).</summary>
    private static (int Low, int High) Span(int[] seqs, long first, long last) =>
        first > last ? (0, 0) : (LowerBound(seqs, first), LowerBound(seqs, last + 1));

    /// <summary>The index of the first seq at or above <paramref name="seq"/> (a set's seqs are distinct).</summary>
    private static int LowerBound(int[] seqs, long seq)
    {
        if (seq > int.MaxValue) return seqs.Length;
        var at = Array.BinarySearch(seqs, (int)Math.Max(seq, 0));
        return at >= 0 ? at : ~at;
    }
}
