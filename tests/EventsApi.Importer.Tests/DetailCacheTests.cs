using Dapper;
using EventsApi.Core.Storage;
using Microsoft.Data.Sqlite;

namespace EventsApi.Importer.Tests;

/// <summary>
/// The ring of stored JSON (DetailCache) is shared by every connection of the process, and tests that
/// configure it run alone (SqliteTime's collection: those count reads by blob handle). A row taken from it
/// must be the row the file holds, whatever the ring has overwritten since, and never the row of the
/// same seq in another file.
/// </summary>
[Collection(nameof(SqliteTimeTests))]
public sealed class DetailCacheTests
{
    [Fact]
    public void RowsTakenFromTheRingAreThoseTheirFileHolds()
    {
        using var dir = new TempDirectory();
        // Three files of the same seqs and different events: more than the ring keeps tables for, so a
        // file's table is dropped and made again while its old rows may still lie in the ring.
        var files = new[] { TempDirectory.Synthetic(dir, 1500, seed: 1), TempDirectory.Synthetic(dir, 1500, seed: 2), TempDirectory.Synthetic(dir, 1500, seed: 3) };
        try
        {
            var versions = files.Select(TempDirectory.DatasetVersion).ToArray();
            Assert.Equal(3, versions.Distinct().Count());
            var slots = files.Select((f, i) => DetailSlots.Of(f, versions[i])).ToArray();
            var everySeq = Enumerable.Range(1, 1500).Select(s => (long)s).ToList();

            DetailCache.Configure(0);
            using var held = new RentedBytes();
            var expected = files.Select((f, i) => DetailSlots.Read(f, versions[i], slots[i], everySeq, held).Select(r => r.ToArray()).ToArray()).ToArray();
            Assert.NotEqual(expected[0][0], expected[1][0]);
            Assert.NotEqual(expected[1][0], expected[2][0]);

            // About 170 rows: pages overwrite each other's rows as they are kept.
            DetailCache.Configure(256 << 10);
            var random = new Random(11);
            var page = new List<long>();
            for (var request = 0; request < 600; request++)
            {
                var file = random.Next(files.Length);
                // A page again (a dashboard's refresh), a run of seqs (an oblast's page), or scattered ones (a box's).
                if (request == 0 || random.Next(3) > 0)
                {
                    var start = random.Next(1, 1500);
                    page = random.Next(2) == 0
                        ? Enumerable.Range(start, Math.Min(random.Next(1, 120), 1501 - start)).Select(s => (long)s).ToList()
                        : Enumerable.Range(0, random.Next(1, 120)).Select(_ => (long)random.Next(1, 1501)).ToList();
                }
                using var into = new RentedBytes();
                var rows = DetailSlots.Read(files[file], versions[file], slots[file], page, into);
                Assert.Equal(page.Count, rows.Count);
                for (var i = 0; i < page.Count; i++)
                    Assert.True(rows[i].Span.SequenceEqual(expected[file][page[i] - 1]), $"request {request}, file {file}, seq {page[i]}");
            }
            var (hits, misses) = DetailCache.Counts;
            Assert.True(hits > 5_000 && misses > 5_000, $"{hits} hits, {misses} misses: both ways should be taken");
        }
        finally
        {
            DetailCache.Configure(0);
            foreach (var file in files) file.Dispose();
            SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public void RowsCopiedWhileOthersAreKeptAreWholeOrMissed()
    {
        // Take copies rows outside the lock while Keep writes over them: four threads on a ring of about
        // 70 rows, each keeping what it missed, must only ever be handed whole rows of their own seq.
        DetailCache.Configure(64 << 10);
        try
        {
            var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
            Parallel.For(0, 4, worker =>
            {
                var random = new Random(worker);
                for (var request = 0; request < 4_000 && failures.IsEmpty; request++)
                {
                    var seqs = Enumerable.Range(0, random.Next(1, 60)).Select(_ => (long)random.Next(1, 400)).ToList();
                    var rows = new ReadOnlyMemory<byte>[seqs.Count];
                    using var into = new RentedBytes();
                    var missing = DetailCache.Take("v", seqs, rows, into);
                    foreach (var i in missing) rows[i] = RowOf(seqs[i]);
                    DetailCache.Keep("v", seqs, missing, rows);
                    for (var i = 0; i < seqs.Count; i++)
                        if (!rows[i].Span.SequenceEqual(RowOf(seqs[i]))) failures.Enqueue($"worker {worker}, request {request}: seq {seqs[i]} torn or another's");
                }
            });
            Assert.Empty(failures);
            var (hits, misses) = DetailCache.Counts;
            Assert.True(hits > 10_000 && misses > 10_000, $"{hits} hits, {misses} misses: both ways should be taken");
        }
        finally
        {
            DetailCache.Configure(0);
        }
    }

    /// <summary>A row of its own length and bytes for each seq (600-1,300 bytes, as stored events are about).</summary>
    private static byte[] RowOf(long seq)
    {
        var row = new byte[600 + (int)(seq * 7919 % 700)];
        for (var i = 0; i < row.Length; i++) row[i] = (byte)(seq * 31 + i);
        return row;
    }

    [Fact]
    public void NothingIsKeptWithoutASize()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 200, seed: 4);
        var version = TempDirectory.DatasetVersion(connection);
        var slots = DetailSlots.Of(connection, version);
        DetailCache.Configure(0);
        for (var i = 0; i < 3; i++)
        {
            using var into = new RentedBytes();
            DetailSlots.Read(connection, version, slots, [1, 2, 3], into);
        }
        Assert.Equal((0L, 9L), DetailCache.Counts);
        SqliteConnection.ClearAllPools();
    }
}
