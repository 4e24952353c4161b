using System.Text;
using EventsApi.Importer.Commands;

namespace EventsApi.Importer.Tests;

/// <summary>Hostile documents: each bad one is rejected by name with a reason; the good ones are imported; no crash.</summary>
public class DocumentFuzzTests
{
    [Fact]
    public void BadDocumentsAreRejectedByNameAndTheGoodOnesImported()
    {
        using var dir = new TempDirectory();
        var good = "Russian drones struck Kharkiv on Monday, killing two civilians.";
        dir.Write("docs/empty.txt", "");
        File.WriteAllBytes(dir.File("docs/binary.txt"), Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256)).ToArray());
        File.WriteAllBytes(dir.File("docs/bad-utf8.txt"), [.. Encoding.UTF8.GetBytes(TempDirectory.Document("u1", "2025-03-10", "Kyiv ")), 0xC3, 0x28, 0xFF]);
        using (var huge = File.Create(dir.File("docs/huge.txt"))) huge.SetLength(50L * 1024 * 1024);
        dir.Write("docs/no-closing.txt", "---\nid: nc\npublished: 2025-03-10\ntimezone: Europe/Kyiv\n" + good);
        dir.Write("docs/no-front-matter.txt", good);
        dir.Write("docs/bad-zone.txt", TempDirectory.Document("bz", "2025-03-10", good, timezone: "Europe/Atlantis"));
        dir.Write("docs/future.txt", TempDirectory.Document("fu", "2099-01-01", good));
        dir.Write("docs/ancient.txt", TempDirectory.Document("an", "0001-01-01", good));
        dir.Write("docs/bad-date.txt", TempDirectory.Document("bd", "2025-02-30", good));
        dir.Write("docs/bad-id.txt", TempDirectory.Document("../../etc/passwd", "2025-03-10", good));
        dir.Write("docs/colon-title.txt", "---\nid: ct\ntitle: Ukraine: a \"war\" # of words\npublished: 2025-03-11\ntimezone: Europe/Kyiv\n---\n" + good + "\n");
        dir.Write("docs/first.txt", TempDirectory.Document("dup", "2025-03-11", good));
        dir.Write("docs/second.txt", TempDirectory.Document("dup", "2025-03-12", good));
        var sentences = string.Join(" ", Enumerable.Repeat("Nothing much happened in the village that day.", 100_000));
        dir.Write("docs/long.txt", TempDirectory.Document("long", "2025-03-11", sentences + "\n\nUkrainian forces shelled Belgorod on Monday."));
        var output = new StringWriter();

        var exit = ImportCommand.Run([dir.File("docs"), "--db", dir.File("events.db")], output, new StringWriter());

        var text = output.ToString();
        Assert.Equal(0, exit);
        foreach (var (file, field) in new[]
        {
            ("empty.txt", "front matter"), ("binary.txt", "file"), ("bad-utf8.txt", "file"), ("huge.txt", "file"),
            ("no-closing.txt", "front matter"), ("no-front-matter.txt", "front matter"), ("bad-zone.txt", "timezone"),
            ("future.txt", "published"), ("ancient.txt", "published"), ("bad-date.txt", "published"), ("bad-id.txt", "id"), ("second.txt", "id"),
        })
        {
            Assert.Contains($"rejected {file}: {field}: ", text);
        }
        Assert.Contains("documents read: 3, rejected: 12", text);
        Assert.Contains("strike: 2", text);
    }
}
