using EventsApi.Core.Storage;

namespace EventsApi.Importer.Tests;

/// <summary>
/// A date range's fringes found through the chains of long events are those a scan of every long
/// event finds, whatever the events' spans: the dataset's weeks, months and years, and spans of any
/// length, as dates read from articles give.
/// </summary>
public class LongEventsTests
{
    [Theory]
    [InlineData(false, 11)]
    [InlineData(true, 12)]
    public void FringesAreThoseAScanOfEveryLongEventFinds(bool anySpan, int seed)
    {
        var random = new Random(seed);
        var events = new List<(int Seq, int End)>();
        var seq = 0;
        // Days as numbers in date order (SeqCalendar's yyyymmdd keep that order): a few events start each day.
        for (var day = 0; day < 2_000; day++)
            for (var n = random.Next(4); n > 0; n--)
            {
                seq += 1 + random.Next(5);
                var span = anySpan ? 1 + random.Next(400) : new[] { 6, 29, 30, 364 }[random.Next(4)];
                events.Add((seq, day + span));
            }
        var chains = new LongEvents(events);
        Assert.True(anySpan || chains.Chains <= 4, $"{chains.Chains} chains for four spans");

        for (var i = 0; i < 300; i++)
        {
            var (first, day) = (random.Next(seq + 2), random.Next(2_500));
            var last = first + random.Next(seq / 3);
            Assert.Equal(events.Where(e => e.Seq < first && e.End >= day).Select(e => (long)e.Seq).Order(), chains.EndingFrom(first, day).Order());
            Assert.Equal(events.Where(e => e.Seq >= first && e.Seq <= last && e.End > day).Select(e => (long)e.Seq).Order(),
                chains.EndingAfter(first, last, day).Order());
        }
    }
}
