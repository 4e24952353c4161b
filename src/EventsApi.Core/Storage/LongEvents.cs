namespace EventsApi.Core.Storage;

/// <summary>
/// The events that last longer than their start day (long_events), for a date range's fringes: those
/// that start before the range and end in it, and those that start in it and end after it. They are
/// split into chains, each in seq order with its last days never falling (a week's events, a month's,
/// a year's: an event of one span ends no earlier than one of that span before it), so that in each
/// chain the fringe is a run found by two binary searches. Scanning every long event that started
/// within the longest span before a range (a year) read 35,000 of them for each dated request at 1M,
/// 4% of a region page's CPU, and a hundredth of that at 10k.
/// </summary>
public sealed class LongEvents
{
    private readonly List<(List<int> Seqs, List<int> Ends)> chains = [];

    /// <summary>The events in seq order, each with its last day (yyyymmdd, as SeqCalendar.Day).</summary>
    public LongEvents(IEnumerable<(int Seq, int End)> events)
    {
        foreach (var (seq, end) in events)
        {
            // The chain whose last day is the latest not after this one's: few chains however many events
            // (three for the synthetic 1M: its dates of a week, a month and a year).
            var best = -1;
            for (var c = 0; c < chains.Count; c++)
                if (chains[c].Ends[^1] <= end && (best < 0 || chains[c].Ends[^1] > chains[best].Ends[^1])) best = c;
            if (best < 0)
            {
                chains.Add(([], []));
                best = chains.Count - 1;
            }
            chains[best].Seqs.Add(seq);
            chains[best].Ends.Add(end);
        }
    }

    public int Chains => chains.Count;

    /// <summary>The events that start before seq <paramref name="first"/> and end on <paramref name="day"/> or later.</summary>
    public List<long> EndingFrom(long first, int day)
    {
        var found = new List<long>();
        foreach (var (seqs, ends) in chains)
        {
            var before = FirstAtLeast(seqs, first, 0, seqs.Count);
            for (var i = FirstAtLeast(ends, day, 0, before); i < before; i++) found.Add(seqs[i]);
        }
        return found;
    }

    /// <summary>The events that start from seq <paramref name="first"/> to <paramref name="last"/> and end after <paramref name="day"/>.</summary>
    public List<long> EndingAfter(long first, long last, int day)
    {
        var found = new List<long>();
        foreach (var (seqs, ends) in chains)
        {
            var (from, to) = (FirstAtLeast(seqs, first, 0, seqs.Count), FirstAtLeast(seqs, last + 1, 0, seqs.Count));
            for (var i = FirstAtLeast(ends, day + 1L, from, to); i < to; i++) found.Add(seqs[i]);
        }
        return found;
    }

    /// <summary>The first index from <paramref name="from"/> to <paramref name="to"/> whose value is at least <paramref name="value"/> (<paramref name="to"/> when none is).</summary>
    private static int FirstAtLeast(List<int> values, long value, int from, int to)
    {
        while (from < to)
        {
            var mid = (from + to) >>> 1;
            if (values[mid] < value) from = mid + 1;
            else to = mid;
        }
        return from;
    }
}
