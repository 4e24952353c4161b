using EventsApi.Core.Storage;

namespace EventsApi.Importer.Tests;

/// <summary>
/// A request's sets ANDed give the events a test of every set, seq by seq, gives: totals, pages down
/// and up from any seq, membership and the words a timeline walks, whether a set of few members
/// leads (kept as seqs) or every set is a bitmap, within a range of words or over all of them.
/// </summary>
public class FilterMatchesTests
{
    [Theory]
    [InlineData(1_000, 21)]
    [InlineData(4_099, 22)]
    public void MatchesAreThoseOfEverySetTestedSeqBySeq(int events, int seed)
    {
        var random = new Random(seed);
        var longs = (events + 63) / 64;
        for (var round = 0; round < 200; round++)
        {
            // Members of each set: a few bitmaps of any density, and sets few enough to be kept as seqs.
            var members = new List<HashSet<int>>();
            for (var n = random.Next(3); n > 0; n--) members.Add(Members(random, events, random.NextDouble()));
            for (var n = random.Next(4); n > 0; n--) members.Add(Members(random, events, random.NextDouble() * 0.01));
            var (firstWord, lastWord) = random.Next(3) == 0 ? (0, longs - 1) : Ordered(random.Next(longs), random.Next(longs));

            using var matches = new FilterMatches(events);
            var kept = new List<ulong[]>();
            foreach (var set in members)
            {
                var bits = new ulong[longs];
                foreach (var seq in set) bits[(seq - 1) >> 6] |= 1UL << ((seq - 1) & 63);
                matches.Add(KeptSet.Of(bits, longs));
            }
            matches.Restrict(firstWord, lastWord);

            var (lowest, highest) = (firstWord * 64 + 1, Math.Min(events, lastWord * 64 + 64));
            var expected = Enumerable.Range(lowest, Math.Max(0, highest - lowest + 1)).Where(seq => members.All(set => set.Contains(seq))).ToList();
            Assert.Equal(expected.Count, matches.Count());
            for (var probe = 0; probe < 10; probe++)
            {
                // Any seq from before the first to the last, and the matches' own (a cursor sits on one).
                var from = expected.Count > 0 && probe % 2 == 0 ? expected[random.Next(expected.Count)] : random.Next(events + 1);
                var count = 1 + random.Next(30);
                Assert.Equal(expected.Where(seq => seq <= from).Reverse().Take(count).Select(seq => (long)seq), matches.Down(from, count));
                Assert.Equal(expected.Where(seq => seq >= from).Take(count).Select(seq => (long)seq), matches.Up(from, count));
                var any = 1 + random.Next(events);
                Assert.Equal(expected.Contains(any), matches.Contains(any));
            }
            var walked = new List<int>();
            for (var w = matches.FirstWord; w <= matches.LastWord; w++)
                for (var word = matches.WordOfAll(w); word != 0; word &= word - 1)
                    walked.Add(w * 64 + System.Numerics.BitOperations.TrailingZeroCount(word) + 1);
            Assert.Equal(expected, walked.Where(seq => seq <= events));
        }
    }

    private static HashSet<int> Members(Random random, int events, double share) =>
        Enumerable.Range(1, events).Where(_ => random.NextDouble() < share).ToHashSet();

    private static (int, int) Ordered(int a, int b) => (Math.Min(a, b), Math.Max(a, b));
}
