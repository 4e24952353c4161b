using System.Security.Cryptography;
using EventsApi.Core.Storage;
using EventsApi.Importer.Commands;
using Microsoft.Data.Sqlite;

namespace EventsApi.Importer.Tests;

/// <summary>A failed import leaves the previous database exactly as it was.</summary>
public class AtomicReplaceTests
{
    [Fact]
    public void AFailedImportLeavesThePreviousDatabaseUntouched()
    {
        using var dir = new TempDirectory();
        dir.Write("docs/a.txt", TempDirectory.Document("doc-a", "2025-03-11", "Russian drones struck Kharkiv on Monday, killing two civilians."));
        Assert.Equal(0, ImportCommand.Run([dir.File("docs"), "--db", dir.File("events.db")], new StringWriter(), new StringWriter()));
        var before = SHA256.HashData(File.ReadAllBytes(dir.File("events.db")));

        // Only bad documents: nothing to import, so the target must not change.
        dir.Write("bad/x.txt", "not a document");
        Assert.Equal(1, ImportCommand.Run([dir.File("bad"), "--db", dir.File("events.db")], new StringWriter(), new StringWriter()));

        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(dir.File("events.db"))));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void AWriteThatFailsHalfwayNeitherReplacesTheTargetNorLeavesATemporaryFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("events.db"), "the previous dataset");

        var failure = Assert.Throws<IOException>(() => DatabaseFile.Replace(dir.File("events.db"), temporary =>
        {
            File.WriteAllText(temporary, "half a database");
            throw new IOException("No space left on device");
        }));

        Assert.Equal("No space left on device", failure.Message);
        Assert.Equal("the previous dataset", File.ReadAllText(dir.File("events.db")));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void TheFilesOfAnImportWhoseProcessIsGoneAreRemovedByTheNext()
    {
        using var dir = new TempDirectory();
        int gone;
        using (var exited = System.Diagnostics.Process.Start("true")!)
        {
            gone = exited.Id;
            exited.WaitForExit();
        }
        var abandoned = new[] { ".tmp", ".tmp.search", ".tmp.search-feed" }.Select(suffix => dir.File($"events.db.{gone}.{Guid.NewGuid():N}{suffix}")).ToList();
        // An import running in this process, and files not named as an import's.
        var running = dir.File($"events.db.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp.search");
        var others = new[] { dir.File("events.db.backup.tmp"), dir.File("events.db.old") };
        foreach (var file in abandoned.Append(running).Concat(others)) File.WriteAllText(file, "");

        Assert.Throws<IOException>(() => DatabaseFile.Replace(dir.File("events.db"), _ => throw new IOException("stopped after the clean-up")));

        Assert.All(abandoned, file => Assert.False(File.Exists(file), file));
        Assert.All(others.Append(running), file => Assert.True(File.Exists(file), file));
    }

    [Fact]
    public void AFileWhoseEventsCiteAMissingDocumentFailsItsCheck()
    {
        using var dir = new TempDirectory();
        var path = TempDirectory.SyntheticFile(dir, 300, seed: 3);
        DatabaseFile.Verify(path);
        using (var connection = TempDirectory.OpenToWrite(path))
        {
            using var delete = connection.CreateCommand();
            // Only event_sources refers to documents: its key alone is broken.
            delete.CommandText = "PRAGMA foreign_keys = OFF; DELETE FROM documents WHERE id = (SELECT max(document_id) FROM event_sources)";
            Assert.Equal(1, delete.ExecuteNonQuery());
        }
        SqliteConnection.ClearAllPools();

        var error = Assert.Throws<InvalidDataException>(() => DatabaseFile.Verify(path));

        Assert.Contains("breaks a foreign key: a row of event_sources refers to a missing row of documents (document_id ", error.Message);
    }

    [Fact]
    public void ADatasetThatBreaksAForeignKeyIsNotWritten()
    {
        using var dir = new TempDirectory();
        var data = Pipeline.DataFiles.Load();
        var kharkiv = data.Gazetteer.Resolve(data.Gazetteer.Named("Kharkiv").First(p => p.Level == Core.Domain.PlaceLevel.Settlement));
        var strike = new Core.Domain.CodedEvent("ev_000000000001", "strike", "shelling", Core.Domain.EventDate.Day(new NodaTime.LocalDate(2025, 3, 1)),
            kharkiv, [], null, null, null, "Shelling in Kharkiv.", []);
        // A place chain that leaves out the parents: the settlement's parent_id points at nothing.
        var content = new DatasetContent([], [strike], p => [p], a => [a], [], NodaTime.Instant.FromUtc(2025, 3, 2, 0, 0), "test");

        var error = Assert.Throws<InvalidDataException>(() => DatabaseFile.Replace(dir.File("events.db"), temporary => DatasetWriter.Write(temporary, content)));

        Assert.Contains("foreign key", error.Message);
        Assert.False(File.Exists(dir.File("events.db")));
    }

    [Theory]
    [InlineData("ev_000000000002", 1, "ev_000000000001", 1, "storage order")] // found where events are made, on another thread
    [InlineData("ev_000000000001", 1, "ev_000000000001", 2, "UNIQUE constraint failed: events.id")] // SQLite's own error, from building events_by_id
    public void EventsThatCannotBeWrittenFailTheWriteWithTheReasonAndNothingIsMovedIntoPlace(string first, int firstDay, string second, int secondDay, string reason)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("events.db"), "the previous dataset");
        static Core.Domain.CodedEvent Statement(string id, int day) => new(id, "statement", "announcement",
            Core.Domain.EventDate.Day(new NodaTime.LocalDate(2025, 3, day)), null, [], null, null, null, "An announcement.", []);
        // Many events after the two, so the failure comes while more are still being made.
        var events = new[] { Statement(first, firstDay), Statement(second, secondDay) }
            .Concat(Enumerable.Range(0, 5000).Select(i => Statement($"ev_{i:D12}", 3)));
        var content = new DatasetContent([], events, p => [p], a => [a], [], NodaTime.Instant.FromUtc(2025, 3, 4, 0, 0), "test");

        var error = Assert.ThrowsAny<Exception>(() => DatabaseFile.Replace(dir.File("events.db"), temporary => DatasetWriter.Write(temporary, content)));

        Assert.Contains(reason, error.Message);
        Assert.IsNotType<AggregateException>(error); // the commands name the failure by its type
        Assert.Equal("the previous dataset", File.ReadAllText(dir.File("events.db")));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Theory]
    [InlineData("events")]
    [InlineData("event_search_data")] // where the full-text index keeps its pages
    [InlineData("place_names")]
    public void AFileWithADamagedTableIsNeverMovedIntoPlace(string table)
    {
        using var dir = new TempDirectory();
        dir.Write("docs/a.txt", TempDirectory.Document("doc-a", "2025-03-11", "Russian drones struck Kharkiv on Monday, killing two civilians."));
        Assert.Equal(0, ImportCommand.Run([dir.File("docs"), "--db", dir.File("events.db")], new StringWriter(), new StringWriter()));
        var before = File.ReadAllBytes(dir.File("events.db"));
        var damaged = before.ToArray();
        int rootPage, pageSize;
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(SqliteFiles.ReadOnly(dir.File("events.db"))))
        {
            connection.Open();
            rootPage = Dapper.SqlMapper.ExecuteScalar<int>(connection, "SELECT rootpage FROM sqlite_schema WHERE name = @table", new { table });
            pageSize = Dapper.SqlMapper.ExecuteScalar<int>(connection, "PRAGMA page_size");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        damaged.AsSpan((rootPage - 1) * pageSize, pageSize).Fill(0xA5);

        var error = Assert.Throws<InvalidDataException>(() => DatabaseFile.Replace(dir.File("events.db"), temporary =>
        {
            File.WriteAllBytes(temporary, damaged);
            return "version";
        }));

        Assert.Contains("integrity check failed", error.Message);
        Assert.Equal(before, File.ReadAllBytes(dir.File("events.db")));
    }

    [Fact]
    public void AFileThatIsNotAVerifiedDatasetIsNeverMovedIntoPlace()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("events.db"), "the previous dataset");

        Assert.Throws<InvalidDataException>(() => DatabaseFile.Replace(dir.File("events.db"), temporary =>
        {
            File.WriteAllText(temporary, "this is not SQLite");
            return "version";
        }));

        Assert.Equal("the previous dataset", File.ReadAllText(dir.File("events.db")));
    }
}
