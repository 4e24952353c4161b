using System.Security.Cryptography;
using EventsApi.Core.Storage;
using EventsApi.Importer.Commands;

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
