using EventsApi.Core;

namespace EventsApi.Tests;

/// <summary>
/// Exports read their rows on another thread (ReadAhead). The reading must give every row in order,
/// fail the way the source failed (the query time limit maps SQLite's interrupt to a 503), and have
/// let go of the source by the time the enumeration ends, however it ends: an export's connection
/// goes back to the pool right after.
/// </summary>
public class ReadAheadTests
{
    [Fact]
    public async Task EveryRowComesInOrder()
    {
        var rows = new List<int>();
        await foreach (var batch in ReadAhead.Batches(Enumerable.Range(0, 1000), 64, CancellationToken.None))
        {
            Assert.InRange(batch.Count, 1, 64);
            rows.AddRange(batch);
        }
        Assert.Equal(Enumerable.Range(0, 1000), rows);
    }

    [Fact]
    public async Task TheSourcesExceptionIsRethrownAsItWas()
    {
        static IEnumerable<int> Failing()
        {
            for (var i = 0; i < 100; i++) yield return i;
            throw new InvalidDataException("row 100 is broken");
        }
        var seen = 0;
        var thrown = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var batch in ReadAhead.Batches(Failing(), 16, CancellationToken.None)) seen += batch.Count;
        });
        Assert.Equal("row 100 is broken", thrown.Message);
        Assert.Equal(96, seen); // the full batches before the failure; the part-filled one is not sent
    }

    [Fact]
    public async Task StoppingEarlyLetsGoOfTheSourceBeforeReturning()
    {
        var source = new EndlessSource();
        await foreach (var batch in ReadAhead.Batches(source.Rows(), 10, CancellationToken.None))
            break;
        Assert.True(source.Disposed);
        var read = source.Read;
        await Task.Delay(100);
        Assert.Equal(read, source.Read);
        Assert.InRange(read, 10, 50); // a few batches ahead at most
    }

    [Fact]
    public async Task AnAbortedExportLetsGoOfTheSourceBeforeReturning()
    {
        var source = new EndlessSource();
        using var aborted = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var batch in ReadAhead.Batches(source.Rows(), 10, aborted.Token))
                await aborted.CancelAsync();
        });
        Assert.True(source.Disposed);
    }

    private sealed class EndlessSource
    {
        private int read;
        public int Read => Volatile.Read(ref read);
        public bool Disposed { get; private set; }

        public IEnumerable<int> Rows()
        {
            try
            {
                while (true) yield return Interlocked.Increment(ref read);
            }
            finally
            {
                Thread.Sleep(50); // slow to let go, as a connection finishing its statement: the enumeration must wait
                Disposed = true;
            }
        }
    }
}
