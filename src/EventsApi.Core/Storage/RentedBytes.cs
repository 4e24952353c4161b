using System.Buffers;

namespace EventsApi.Core.Storage;

/// <summary>
/// Room for the stored JSON one request reads (a page of 100 events is about 150 KB), in arrays
/// rented from a pool and given back when the request's queries are disposed. Read into an array
/// per event, a page's JSON was most of what a request allocated, and the collections it set off
/// were a tenth of the server's CPU: side by side at 1M, region pages went from 1,922-1,964 to
/// 2,172-2,209 a second (0.87 to 0.81 ms of CPU each), the other lists' 10-20% more, with the same
/// peak RSS. Raising the runtime's gen0 budget to 64 MB did as much for pages, at 60 MB more RSS.
/// </summary>
/// <param name="pooled">False for an export's rows, which it reads ahead and lets go of one by one:
/// their chunks are plain arrays, left to the collector, rather than a pool's, which an export's
/// thousands of rows filled to its 16 MB (the bench's peak RSS at 1M went from 280 to 310 MB).</param>
public sealed class RentedBytes(bool pooled = true) : IDisposable
{
    /// <summary>A chunk holds about 40 events; a larger event gets a chunk of its own size.</summary>
    private const int ChunkSize = 64 * 1024;

    /// <summary>Chunks for 32 requests at once and more (16 MB at most kept), shared by every request.</summary>
    private static readonly ArrayPool<byte> Chunks = ArrayPool<byte>.Create(ChunkSize, maxArraysPerBucket: 256);

    private readonly List<byte[]> rented = [];
    private int used;

    /// <summary><paramref name="length"/> bytes to fill, valid until this is disposed.</summary>
    public Memory<byte> Take(int length)
    {
        if (rented.Count == 0 || used + length > rented[^1].Length)
        {
            rented.Add(pooled ? Chunks.Rent(Math.Max(length, ChunkSize)) : new byte[Math.Max(length, ChunkSize)]);
            used = 0;
        }
        var taken = rented[^1].AsMemory(used, length);
        used += length;
        return taken;
    }

    public void Dispose()
    {
        if (pooled)
            foreach (var chunk in rented) Chunks.Return(chunk);
        rented.Clear();
        used = 0;
    }
}
