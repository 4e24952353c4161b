using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace EventsApi.Core.Storage;

/// <summary>
/// A page in an order of two or three keys of the date, fatalities and sources (either way, in any
/// order: <c>-source_count,-date</c>, <c>-date,-fatalities</c>, <c>fatalities,source_count</c>),
/// chosen from the matches in memory: the page's events are kept in a heap as the matches are walked
/// a word at a time, and each word is first narrowed, from the keys' bit planes and the calendar's
/// days, to the events that can still enter the page (not before the cursor, not after the heap's
/// last). No index holds these orders, so SQL sorted every match: at 1M, 0.06-0.37 s a page for
/// everything, a type or a toll. Ties on every key fall to id: with the date among the keys, a tie is
/// within one day, where seq order is id order (events are stored by start date, then id:
/// DatasetContent.StorageOrder); without it, to the events' ranks in the order of ids (EventIdRanks).
/// (A page by one key but the date is the sort's index walked, FilterBitmaps.SortedPage; an export
/// of a filter by one key is chosen here, in parts: EventQueries.ChosenExport.)
/// </summary>
internal static class SortedScan
{
    /// <summary>Whether a page in this order can be chosen here: keys of the date, fatalities and sources, each once, not in storage order.</summary>
    public static bool Orders(EventSort sort) =>
        !sort.IsStorageOrder
        && sort.Keys.All(k => k.Key is "date" or "fatalities" or "source_count")
        && sort.Keys.Select(k => k.Key).Distinct().Count() == sort.Keys.Count;

    /// <summary>Whether a page in this order is chosen here: two or three keys (a page by one is the sort's index walked).</summary>
    public static bool Serves(EventSort sort) => Orders(sort) && sort.Keys.Count >= 2;

    /// <summary>Whether the date is among the order's keys: else its ties are broken by the events' ranks in the order of ids.</summary>
    public static bool Dated(EventSort sort) => sort.Keys.Any(k => k.Key == "date");

    /// <summary>
    /// The first <paramref name="count"/> matches after the event <paramref name="afterSeq"/> (the
    /// cursor's; none for a first page) in the order of <paramref name="sort"/>; <paramref name="idRanks"/>
    /// when the date is not among its keys.
    /// </summary>
    public static List<long> Page(FilterMatches matches, long events, EventSort sort, long? afterSeq, int count, SeqCalendar calendar, SortKeyPlanes planes, int[]? idRanks)
    {
        if (count <= 0) return [];
        var order = new Order(sort, calendar, planes, idRanks);
        var cursor = afterSeq is { } cursorSeq ? order.Entry(cursorSeq) : (Entry?)null;
        using var page = new PageHeap(order, count);
        var last = default(Entry);
        // Walked the way the date runs in the order (the newest first for -date), so that the heap holds
        // near its page soon; without the date, oldest first.
        var (first, end, step) = order.NewestFirst ? (matches.LastWord, matches.FirstWord - 1, -1) : (matches.FirstWord, matches.LastWord + 1, 1);
        for (var w = first; w != end; w += step)
        {
            var word = matches.WordOfAll(w) & Within(w, 1, events);
            // The events that tie with the cursor or the page's last on every key are told apart by their
            // tie alone (an order of few values ties often: half the events have one source and no toll).
            var (tiedWithCursor, tiedWithLast) = (0UL, 0UL);
            if (word != 0 && cursor is { } c)
            {
                var (after, tied) = order.Beyond(w, c, after: true);
                (word, tiedWithCursor) = (word & (after | tied), tied);
            }
            if (word != 0 && page.Count == count)
            {
                var (before, tied) = order.Beyond(w, last, after: false);
                (word, tiedWithLast) = (word & (before | tied), tied);
            }
            while (word != 0)
            {
                var (seq, bit) = (w * 64L + BitOperations.TrailingZeroCount(word) + 1, word & (0 - word));
                word &= word - 1;
                if ((bit & tiedWithCursor) != 0 && order.Tie(seq) <= cursor!.Value.Tie) continue;
                // (The last may have moved up since the word's masks: what comes after the old last comes after it too.)
                if ((bit & tiedWithLast) != 0 && order.Tie(seq) >= last.Tie) continue;
                var entry = order.Entry(seq);
                if (page.Count < count) page.Add(entry);
                else if (order.Compare(entry, last) < 0) page.ReplaceLast(entry);
                else continue;
                if (page.Count == count) last = page.Last;
            }
        }
        // The heap gives its last first: the page is filled from its end.
        var seqs = new List<long>(page.Count);
        CollectionsMarshal.SetCount(seqs, page.Count);
        var filled = CollectionsMarshal.AsSpan(seqs);
        for (var i = filled.Length - 1; i >= 0; i--) filled[i] = page.RemoveLast().Seq;
        return seqs;
    }

    /// <summary>An event's keys, each turned so that the lower comes first, and its place among ties (seq or id rank) turned as the ids run.</summary>
    private readonly record struct Entry(long K0, long K1, long K2, long Tie, long Seq);

    /// <summary>
    /// The page's events so far, the order's last on top, in an array rented for the walk: an export
    /// walks in parts (EventQueries.ExportPart), and a heap of its own for each part (a PriorityQueue,
    /// 2.6 MB for parts of 65,536) raised the server's RSS by 47 MB over an export of a million rows.
    /// </summary>
    private sealed class PageHeap(Order order, int capacity) : IDisposable
    {
        private readonly Entry[] items = ArrayPool<Entry>.Shared.Rent(capacity);

        public int Count { get; private set; }

        public Entry Last => items[0];

        public void Add(Entry entry)
        {
            var i = Count++;
            items[i] = entry;
            for (var parent = (i - 1) / 2; i > 0 && order.Compare(items[parent], items[i]) < 0; i = parent, parent = (i - 1) / 2)
                (items[parent], items[i]) = (items[i], items[parent]);
        }

        public void ReplaceLast(Entry entry)
        {
            items[0] = entry;
            SiftDown();
        }

        public Entry RemoveLast()
        {
            var last = items[0];
            items[0] = items[--Count];
            SiftDown();
            return last;
        }

        private void SiftDown()
        {
            for (var i = 0; ;)
            {
                var (left, later) = (2 * i + 1, i);
                if (left < Count && order.Compare(items[left], items[later]) > 0) later = left;
                if (left + 1 < Count && order.Compare(items[left + 1], items[later]) > 0) later = left + 1;
                if (later == i) return;
                (items[i], items[later]) = (items[later], items[i]);
                i = later;
            }
        }

        public void Dispose() => ArrayPool<Entry>.Shared.Return(items);
    }

    /// <summary>One of the order's keys: the date (no planes) or a count of bit planes; fatalities with the events whose toll is known.</summary>
    private sealed record Key(bool Descending, ulong[][]? Planes, ulong[]? Known);

    private sealed class Order
    {
        private readonly Key[] keys;
        private readonly bool idsDescending;
        private readonly SeqCalendar calendar;
        private readonly int[]? idRanks;

        public Order(EventSort sort, SeqCalendar calendar, SortKeyPlanes planes, int[]? idRanks)
        {
            (this.calendar, this.idRanks) = (calendar, Dated(sort) ? null : idRanks ?? throw new ArgumentNullException(nameof(idRanks), "an order without the date breaks ties by id rank"));
            keys = [.. sort.Keys.Select(k => k.Key switch
            {
                "date" => new Key(k.Descending, null, null),
                "fatalities" => new Key(k.Descending, calendar.FatalityPlanes, planes.FatalitiesKnown),
                _ => new Key(k.Descending, planes.SourcePlanes, null),
            })];
            idsDescending = sort.Keys[0].Descending;
            NewestFirst = sort.Keys.FirstOrDefault(k => k.Key == "date").Descending;
        }

        public bool NewestFirst { get; }

        public Entry Entry(long seq)
        {
            Span<long> turned = stackalloc long[3];
            for (var i = 0; i < keys.Length; i++) turned[i] = keys[i].Descending ? -Value(keys[i], seq) : Value(keys[i], seq);
            return new Entry(turned[0], turned[1], turned[2], Tie(seq), seq);
        }

        /// <summary>The event's place among events that tie on every key: its seq within a day, else its id's rank; turned as the ids run.</summary>
        public long Tie(long seq)
        {
            var tie = idRanks is null ? seq : idRanks[seq - 1];
            return idsDescending ? -tie : tie;
        }

        public int Compare(Entry a, Entry b)
        {
            var c = a.K0.CompareTo(b.K0);
            if (c == 0) c = a.K1.CompareTo(b.K1);
            if (c == 0) c = a.K2.CompareTo(b.K2);
            return c != 0 ? c : a.Tie.CompareTo(b.Tie);
        }

        /// <summary>A key's value for the event: its day's index, its count, or its toll plus one (0 when unknown, as SQL's COALESCE(fatalities, -1) puts it below 0).</summary>
        private long Value(Key key, long seq)
        {
            if (key.Planes is not { } planes) return calendar.DayIndexOf(seq);
            var (w, bit) = ((seq - 1) >> 6, (int)((seq - 1) & 63));
            var value = SeqBits.Count(planes, w, bit);
            return key.Known is not { } known ? value : ((known[w] >> bit) & 1) != 0 ? value + 1 : 0;
        }

        /// <summary>
        /// The events of word <paramref name="w"/> whose keys come after <paramref name="bound"/>'s
        /// (before, if not <paramref name="after"/>), and those that tie with them on every key.
        /// </summary>
        public (ulong Beyond, ulong Tied) Beyond(int w, Entry bound, bool after)
        {
            var (beyond, tied) = (0UL, ulong.MaxValue);
            for (var i = 0; i < keys.Length && tied != 0; i++)
            {
                var turned = i switch { 0 => bound.K0, 1 => bound.K1, _ => bound.K2 };
                var (lower, equal) = Turned(keys[i], w, keys[i].Descending ? -turned : turned);
                beyond |= tied & (after ? ~(lower | equal) : lower);
                tied &= equal;
            }
            return (beyond, tied);
        }

        /// <summary>The events of word <paramref name="w"/> whose key comes before <paramref name="value"/> in the order's direction, and those equal to it.</summary>
        private (ulong Before, ulong Equal) Turned(Key key, int w, long value)
        {
            var (lower, equal) = Compared(key, w, value);
            return key.Descending ? (~(lower | equal), equal) : (lower, equal);
        }

        /// <summary>The events of word <paramref name="w"/> whose key is below <paramref name="value"/>, and those equal to it.</summary>
        private (ulong Lower, ulong Equal) Compared(Key key, int w, long value)
        {
            if (key.Planes is not { } planes)
            {
                var (firstSeq, lastSeq) = calendar.SeqsOfDay((int)value);
                return (Within(w, 1, firstSeq - 1), Within(w, firstSeq, lastSeq));
            }
            if (key.Known is { } known)
            {
                if (value == 0) return (0, ~known[w]);
                var (below, at) = Counted(planes, w, value - 1);
                return (~known[w] | (known[w] & below), known[w] & at);
            }
            return Counted(planes, w, value);
        }

        /// <summary>By the planes, most significant first: the events whose count is below <paramref name="value"/>, and those equal to it.</summary>
        private static (ulong Lower, ulong Equal) Counted(ulong[][] planes, int w, long value)
        {
            if (value >> planes.Length != 0) return (ulong.MaxValue, 0);
            var (higher, equal) = (0UL, ulong.MaxValue);
            for (var k = planes.Length - 1; k >= 0; k--)
            {
                var plane = planes[k][w];
                if (((value >> k) & 1) == 0)
                {
                    higher |= equal & plane;
                    equal &= ~plane;
                }
                else equal &= plane;
            }
            return (~(higher | equal), equal);
        }
    }

    /// <summary>The bits of word <paramref name="w"/> from seq <paramref name="first"/> to <paramref name="last"/>; none when the range misses the word.</summary>
    private static ulong Within(long w, long first, long last) =>
        first > last || last < w * 64 + 1 || first > w * 64 + 64 ? 0 : SeqBits.Within(w, first, last);
}
