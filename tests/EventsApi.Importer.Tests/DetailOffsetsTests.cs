using Dapper;
using EventsApi.Core.Storage;
using Microsoft.Data.Sqlite;

namespace EventsApi.Importer.Tests;

/// <summary>
/// DetailOffsets reads rows' bytes straight from the file, where its own walk of the table's b-tree
/// found them. Every row it locates must be, byte for byte, what SQLite reads for that row, and every
/// row it cannot read (one spilling onto overflow pages) must be left to SQLite, not read wrong.
/// In SqliteTime's collection, with the tests that configure the ring of rows (DetailCache): pages
/// read here must go to the file.
/// </summary>
[Collection(nameof(SqliteTimeTests))]
public sealed class DetailOffsetsTests
{
    [Fact]
    public void EveryRowOfADatasetIsFoundWhereSqliteReadsIt()
    {
        using var dir = new TempDirectory();
        var path = TempDirectory.SyntheticFile(dir, 3000, seed: 5);
        using var connection = SqliteFiles.OpenReadOnly(path);
        var root = connection.ExecuteScalar<long>("SELECT rootpage FROM sqlite_schema WHERE name = 'event_details'");
        var rows = connection.Query<(long Slot, byte[] Details)>("SELECT slot, CAST(details AS BLOB) FROM event_details").ToList();
        Assert.Equal(3000, rows.Count);

        var offsets = DetailOffsets.Walk(File.OpenHandle(path), root, column: 2, rows.Max(r => r.Slot) + 1);

        Assert.NotNull(offsets);
        foreach (var (slot, details) in rows)
        {
            Assert.True(offsets.TryLocate(slot, out var offset, out var length), $"slot {slot} not found");
            var read = new byte[length];
            Assert.True(offsets.TryRead(offset, read));
            Assert.Equal(details, read);
        }
        Assert.False(offsets.TryLocate(0, out _, out _));
        Assert.False(offsets.TryLocate(rows.Max(r => r.Slot) + 1, out _, out _));
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// Rows of every size around what a page holds, with values of every kind before the column, over
    /// sparse rowids, in files of the smallest, the usual and the largest page size.
    /// </summary>
    [Theory]
    [InlineData(512)]
    [InlineData(8192)]
    [InlineData(65536)]
    public void RowsThatFitTheirPageAreFoundAndTheOthersLeftToSqlite(int pageSize)
    {
        using var dir = new TempDirectory();
        var path = dir.File($"rows-{pageSize}.db");
        var random = new Random(pageSize);
        var written = new Dictionary<long, byte[]>();
        using (var writer = TempDirectory.OpenToWrite(path))
        {
            writer.Execute($"PRAGMA page_size = {pageSize}; PRAGMA journal_mode = DELETE; CREATE TABLE t (id INTEGER PRIMARY KEY, a, b, c, body TEXT, tail)");
            using var transaction = writer.BeginTransaction();
            for (var i = 0; i < 1500; i++)
            {
                var id = (long)random.Next(1, 40_000);
                // Up to three pages: many rows fit their page, many spill onto overflow pages.
                var body = new byte[random.Next(0, 3 * pageSize)];
                random.NextBytes(body);
                for (var j = 0; j < body.Length; j++) body[j] = (byte)('a' + body[j] % 26);
                object?[] kinds = [null, 0, 1, 127, 40_000, 1L << 40, long.MaxValue, 2.5, "x", new byte[random.Next(0, 40)]];
                writer.Execute("INSERT OR REPLACE INTO t VALUES (@id, @a, @b, @c, @body, @tail)", new
                {
                    id,
                    a = kinds[random.Next(kinds.Length)],
                    b = kinds[random.Next(kinds.Length)],
                    c = kinds[random.Next(kinds.Length)],
                    body = System.Text.Encoding.ASCII.GetString(body),
                    tail = kinds[random.Next(kinds.Length)],
                }, transaction);
                written[id] = body;
            }
            transaction.Commit();
        }
        long root;
        using (var reader = SqliteFiles.OpenReadOnly(path))
            root = reader.ExecuteScalar<long>("SELECT rootpage FROM sqlite_schema WHERE name = 't'");

        var offsets = DetailOffsets.Walk(File.OpenHandle(path), root, column: 4, 40_000);

        Assert.NotNull(offsets);
        var (found, spilled) = (0, 0);
        foreach (var (id, body) in written)
        {
            if (!offsets.TryLocate(id, out var offset, out var length))
            {
                // Left to SQLite only when the record is larger than a leaf holds: the other four values
                // and the record's header take at most about 200 bytes.
                Assert.True(body.Length > pageSize - 35 - 200, $"row {id} of {body.Length} bytes not found");
                spilled++;
                continue;
            }
            var read = new byte[length];
            Assert.True(offsets.TryRead(offset, read));
            Assert.Equal(body, read);
            found++;
        }
        Assert.True(found > 300 && spilled > 300, $"{found} found, {spilled} spilled: both kinds should be there");
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// A page's rows that lie near each other in the file are read with one read and cut from it
    /// (DetailSlots). Pages of every shape (a run of seqs, whose month's rows lie side by side; an
    /// oblast's events; scattered seqs; each in its order or shuffled) give each row its own bytes.
    /// </summary>
    [Fact]
    public async Task RowsReadTogetherAreEachTheirOwnBytes()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.Synthetic(dir, 3000, seed: 41);
        var version = TempDirectory.DatasetVersion(connection);
        Assert.NotNull(await DetailOffsets.Walking(connection, version));
        var expected = StoredRows(connection);
        var byOblast = connection.Query<(long Seq, string? Admin1)>("SELECT seq, admin1_id FROM events ORDER BY seq")
            .GroupBy(e => e.Admin1).Select(g => g.Select(e => e.Seq).ToList()).ToList();
        var slots = DetailSlots.Of(connection, version);
        var random = new Random(41);

        for (var page = 0; page < 300; page++)
        {
            var start = random.Next(1, expected.Count + 1);
            var seqs = (page % 3) switch
            {
                0 => Enumerable.Range(start, Math.Min(random.Next(1, 200), expected.Count + 1 - start)).Select(s => (long)s).ToList(),
                1 => byOblast[random.Next(byOblast.Count)].Where(s => s >= start).Take(random.Next(1, 120)).ToList(),
                _ => Enumerable.Range(0, random.Next(1, 120)).Select(_ => (long)random.Next(1, expected.Count + 1)).Distinct().ToList(),
            };
            if (random.Next(2) == 0) random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(seqs));
            using var into = new RentedBytes();

            var rows = DetailSlots.Read(connection, version, slots, seqs, into);

            Assert.Equal(seqs.Count, rows.Count);
            for (var i = 0; i < seqs.Count; i++)
                Assert.True(rows[i].Span.SequenceEqual(expected[(int)seqs[i] - 1]), $"page {page}, seq {seqs[i]}");
        }
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void AFileInWriteAheadLogModeIsLeftToSqlite()
    {
        using var dir = new TempDirectory();
        var path = dir.File("wal.db");
        using (var writer = TempDirectory.OpenToWrite(path))
            writer.Execute("PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO t VALUES (1, 'one')");
        SqliteConnection.ClearAllPools();

        Assert.Null(DetailOffsets.Walk(File.OpenHandle(path), rootPage: 2, column: 1, rowids: 2));
    }

    /// <summary>
    /// The walk opens the file by its path, where an import may have renamed another dataset since the
    /// connection opened its own: that file's rows are not read for the connection's.
    /// </summary>
    [Fact]
    public async Task AFileRenamedOverThePathIsNotReadInPlaceOfTheOneItReplaced()
    {
        using var dir = new TempDirectory();
        var (served, connection) = Served(dir, seed: 21);
        using var _ = connection;
        var version = TempDirectory.DatasetVersion(connection);
        var expected = StoredRows(connection);

        RenameOver(dir, served, seed: 22);

        Assert.Null(await DetailOffsets.Walking(connection, version));
        Assert.Equal(expected, RowsRead(connection, version));

        // The file at the path now is walked for its own version.
        using var replacing = Serving(served);
        Assert.NotNull(await DetailOffsets.Walking(replacing, TempDirectory.DatasetVersion(replacing)));
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// Once the map of the file an import renamed over the path is made, the map of the file it
    /// replaced lets go of its handle: a deleted file's space comes back only when nothing holds it
    /// open. Reads still to come for the replaced file are SQLite's.
    /// </summary>
    [Fact]
    public async Task TheMapOfAReplacedFileLetsGoOfIt()
    {
        using var dir = new TempDirectory();
        var (served, old) = Served(dir, seed: 31);
        using var _ = old;
        var oldVersion = TempDirectory.DatasetVersion(old);
        Assert.NotNull(await DetailOffsets.Walking(old, oldVersion));
        var expected = StoredRows(old);

        RenameOver(dir, served, seed: 32);
        // SQLite's connection and the map hold the replaced file.
        Assert.Equal(2, HandlesOnDeleted(served));
        using var current = Serving(served);
        Assert.NotNull(await DetailOffsets.Walking(current, TempDirectory.DatasetVersion(current)));

        Assert.Equal(1, HandlesOnDeleted(served));
        Assert.Equal(expected, RowsRead(old, oldVersion));
        SqliteConnection.ClearAllPools();
    }

    /// <summary>A generated dataset at a path of its own, and a connection serving it.</summary>
    private static (string Path, SqliteConnection Connection) Served(TempDirectory dir, int seed)
    {
        var path = dir.File("served.db");
        File.Copy(TempDirectory.SyntheticFile(dir, 300, seed), path);
        return (path, Serving(path));
    }

    /// <summary>Another generated dataset renamed over the path, as an import replaces the file served.</summary>
    private static void RenameOver(TempDirectory dir, string path, int seed) =>
        File.Move(TempDirectory.SyntheticFile(dir, 300, seed), path, overwrite: true);

    private static SqliteConnection Serving(string path)
    {
        var connection = new SqliteConnection(SqliteFiles.Serving(path));
        connection.Open();
        return connection;
    }

    /// <summary>Every event's stored JSON in seq order, as SQL reads it.</summary>
    private static List<byte[]> StoredRows(SqliteConnection connection) =>
        connection.Query<byte[]>("SELECT CAST(details AS BLOB) FROM event_details ORDER BY seq").ToList();

    /// <summary>Every event's stored JSON in seq order, as a page reads it (DetailSlots).</summary>
    private static List<byte[]> RowsRead(SqliteConnection connection, string version)
    {
        using var into = new RentedBytes();
        var seqs = Enumerable.Range(1, connection.ExecuteScalar<int>("SELECT MAX(seq) FROM events")).Select(s => (long)s).ToList();
        return DetailSlots.Read(connection, version, DetailSlots.Of(connection, version), seqs, into).Select(r => r.ToArray()).ToList();
    }

    private static int HandlesOnDeleted(string path) =>
        new DirectoryInfo("/proc/self/fd").GetFileSystemInfos().Count(fd => fd.LinkTarget == path + " (deleted)");
}
