using EventsApi.Core.Storage;

namespace EventsApi.Importer.Tests;

/// <summary>
/// The room a request's stored JSON is read into: every piece taken is its own, however the sizes fall
/// against the pool's chunks (an event larger than a chunk included), and giving them back twice, or
/// taking more after, is safe.
/// </summary>
public class RentedBytesTests
{
    [Fact]
    public void PiecesTakenNeverOverlapAndOutsizedOnesAreGivenBackToo()
    {
        var sizes = new[] { 1, 1500, 60_000, 5_000, 65_536, 70_000, 200_000, 0, 3, 64 * 1024 - 1 };
        for (var round = 0; round < 3; round++)
        {
            using var rented = new RentedBytes();
            var pieces = sizes.Select((size, i) => (Memory: rented.Take(size), Fill: (byte)(i + 1 + round))).ToList();
            foreach (var (memory, fill) in pieces) memory.Span.Fill(fill);

            Assert.Equal(sizes, pieces.Select(p => p.Memory.Length));
            Assert.All(pieces, p => Assert.True(p.Memory.Span.IndexOfAnyExcept(p.Fill) < 0, $"a piece of {p.Memory.Length} bytes was written over"));
            rented.Dispose();
            Assert.Equal(10, rented.Take(10).Length);
        }
    }
}
