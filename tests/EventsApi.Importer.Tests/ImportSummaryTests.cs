using EventsApi.Importer.Commands;

namespace EventsApi.Importer.Tests;

/// <summary>What a curator sees of an import: progress while it runs, and what to add to the dictionaries, commonest first.</summary>
public class ImportSummaryTests
{
    [Fact]
    public void TheSummaryListsUnresolvedPlacesMostFrequentFirst()
    {
        using var dir = new TempDirectory();
        dir.Write("docs/a.txt", TempDirectory.Document("a", "2025-03-10",
            "Russian forces shelled positions near Zorianivka on Monday. Two soldiers were wounded near Zorianivka."));
        dir.Write("docs/b.txt", TempDirectory.Document("b", "2025-03-11",
            "Fighting continued near Zorianivka and near Bilopillia Druha on Tuesday, the General Staff said."));
        var output = new StringWriter();

        var exit = ImportCommand.Run([dir.File("docs"), "--db", dir.File("events.db")], output, new StringWriter());

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd()).ToList();
        var heading = lines.FindIndex(l => l.StartsWith("unresolved places:", StringComparison.Ordinal));
        Assert.True(heading >= 0, output.ToString());
        Assert.Contains("most frequent first", lines[heading]);
        Assert.Equal("3  Zorianivka", lines[heading + 1].Trim());
        Assert.Equal("1  Bilopillia Druha", lines[heading + 2].Trim());
    }

    [Fact]
    public void ProgressIsPlainLinesWhenRedirected()
    {
        using var dir = new TempDirectory();
        for (var i = 0; i < 20; i++)
            dir.Write($"docs/d{i:00}.txt", TempDirectory.Document($"d{i:00}", "2025-03-10", $"Russian drones struck Kharkiv on Monday, killing {i + 1} civilians."));
        var progress = new StringWriter();

        var exit = ImportCommand.Run([dir.File("docs"), "--db", dir.File("events.db")], new StringWriter(), new StringWriter(),
            new ProgressPrinter(progress, interactive: false));

        Assert.Equal(0, exit);
        var lines = progress.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.Contains('\r'));
        Assert.Contains("coding: 20 documents", lines);
        Assert.Contains("coding: 10/20 documents (50%)", lines);
        Assert.Contains(lines, l => l.StartsWith("coding: done, 20 documents in ", StringComparison.Ordinal));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^writing: done, \d+ events in "));
        // Every tenth at most once: a long import writes a few lines per stage, not one per document.
        Assert.True(lines.Count(l => l.StartsWith("coding:", StringComparison.Ordinal)) <= 12);
    }

    [Fact]
    public void ProgressOnATerminalRedrawsOneBarPerStage()
    {
        using var dir = new TempDirectory();
        dir.Write("docs/a.txt", TempDirectory.Document("a", "2025-03-10", "Russian drones struck Kharkiv on Monday, killing 2 civilians."));
        var progress = new StringWriter();

        ImportCommand.Run([dir.File("docs"), "--db", dir.File("events.db")], new StringWriter(), new StringWriter(), new ProgressPrinter(progress, interactive: true));

        var stages = progress.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["reading", "coding", "merging", "writing"], stages.Select(s => s.TrimStart('\r').Split(' ')[0]));
        Assert.All(stages, s => Assert.Contains("[##############################] 100%", s));
    }
}
