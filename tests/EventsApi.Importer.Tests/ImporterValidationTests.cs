using EventsApi.Importer.Commands;

namespace EventsApi.Importer.Tests;

/// <summary>CODEBOOK.md, "Input documents": a bad document is reported by file and field; the rest go on.</summary>
public class ImporterValidationTests
{
    private const string Strike = "Russian drones struck Kharkiv on Monday, killing two civilians.";

    [Theory]
    [InlineData("no-id.txt", "---\ntitle: x\npublished: 2025-03-10\ntimezone: Europe/Kyiv\n---\nBody text here.\n", "id", "missing")]
    [InlineData("no-published.txt", "---\nid: a1\ntimezone: Europe/Kyiv\n---\nBody text here.\n", "published", "missing")]
    [InlineData("bad-published.txt", "---\nid: a2\npublished: 10/03/2025\ntimezone: Europe/Kyiv\n---\nBody text here.\n", "published", "not an ISO date")]
    [InlineData("future.txt", "---\nid: a3\npublished: 2999-01-01\ntimezone: Europe/Kyiv\n---\nBody text here.\n", "published", "outside")]
    [InlineData("no-timezone.txt", "---\nid: a4\npublished: 2025-03-10\n---\nBody text here.\n", "timezone", "missing")]
    [InlineData("bad-timezone.txt", "---\nid: a5\npublished: 2025-03-10\ntimezone: Mars/Olympus\n---\nBody text here.\n", "timezone", "not an IANA time zone")]
    [InlineData("empty-body.txt", "---\nid: a6\npublished: 2025-03-10\ntimezone: Europe/Kyiv\n---\n   \n", "body", "empty")]
    [InlineData("no-front-matter.txt", "Just an article without a header.\n", "front matter", "---")]
    [InlineData("unclosed.txt", "---\nid: a7\npublished: 2025-03-10\n", "front matter", "no closing")]
    public void RejectsABadDocumentByFileAndFieldAndImportsTheRest(string file, string content, string field, string reason)
    {
        using var dir = new TempDirectory();
        dir.Write($"docs/{file}", content);
        dir.Write("docs/good.txt", TempDirectory.Document("good-1", "2025-03-11", Strike));
        var output = new StringWriter();

        var exit = ImportCommand.Run([dir.File("docs"), "--db", dir.File("events.db")], output, new StringWriter());

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("documents read: 1, rejected: 1", text);
        Assert.Contains($"rejected {file}: {field}: ", text);
        Assert.Contains(reason, text.Split('\n').Single(l => l.Contains($"rejected {file}")));
        Assert.Contains("strike: 1", text);
    }

    [Fact]
    public void RejectsBinaryAndInvalidUtf8Files()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("docs"));
        File.WriteAllBytes(dir.File("docs/binary.txt"), [0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]);
        File.WriteAllBytes(dir.File("docs/latin1.txt"), [.. "---\nid: x\n---\nKiev "u8.ToArray(), 0xE9, 0xE8]);
        dir.Write("docs/good.txt", TempDirectory.Document("good-1", "2025-03-11", Strike));
        var output = new StringWriter();

        ImportCommand.Run([dir.File("docs"), "--db", dir.File("events.db")], output, new StringWriter());

        Assert.Contains("rejected binary.txt: file: is binary, not text", output.ToString());
        Assert.Contains("rejected latin1.txt: file: is not valid UTF-8 text", output.ToString());
        Assert.Contains("documents read: 1, rejected: 2", output.ToString());
    }

    [Fact]
    public void RejectsTheSecondDocumentWithAnIdAlreadySeen()
    {
        using var dir = new TempDirectory();
        dir.Write("docs/a.txt", TempDirectory.Document("same-id", "2025-03-11", Strike));
        dir.Write("docs/b.txt", TempDirectory.Document("same-id", "2025-03-12", Strike));
        var output = new StringWriter();

        ImportCommand.Run([dir.File("docs"), "--db", dir.File("events.db")], output, new StringWriter());

        Assert.Contains("rejected b.txt: id: 'same-id' is already the id of a.txt", output.ToString());
    }

    [Fact]
    public void ExitsNonZeroWhenNothingCouldBeImported()
    {
        using var dir = new TempDirectory();
        dir.Write("docs/bad.txt", "no front matter at all");
        var error = new StringWriter();

        var exit = ImportCommand.Run([dir.File("docs"), "--db", dir.File("events.db")], new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.Contains("nothing could be imported", error.ToString());
        Assert.False(File.Exists(dir.File("events.db")));
    }
}
