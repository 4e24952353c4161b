using EventsApi.Core.Storage;
using EventsApi.Importer.Pipeline;
using Microsoft.Data.Sqlite;
using NodaTime;


namespace EventsApi.Importer.Tests;

/// <summary>Codebook rule 11: the same input always gives the same ids and content.</summary>
public class DeterminismTests
{
    private static readonly IClock Clock = new FixedClock(Instant.FromUtc(2025, 8, 1, 12, 0));

    [Fact]
    public void TheSameDocumentsGiveTheSameIdsContentAndVersion()
    {
        using var dir = new TempDirectory();
        foreach (var seed in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Seeds"))) File.Copy(seed, dir.File(Path.GetFileName(seed)));
        var pipeline = new ImportPipeline(DataFiles.Load(), Clock);

        var first = pipeline.Run(dir.Path, dir.File("one.db"));
        var second = pipeline.Run(dir.Path, dir.File("two.db"));

        Assert.True(first.EventCount > 10);
        Assert.Equal(first.DatasetVersion, second.DatasetVersion);
        Assert.Equal(Dump(dir.File("one.db")), Dump(dir.File("two.db")));
    }

    [Fact]
    public void ALaterDocumentThatMergesIntoAnEventKeepsItsId()
    {
        using var dir = new TempDirectory();
        dir.Write("docs/a.txt", TempDirectory.Document("first-report", "2025-03-10", "Russian drones struck Kharkiv overnight, killing two civilians."));
        var pipeline = new ImportPipeline(DataFiles.Load(), Clock);
        pipeline.Run(dir.File("docs"), dir.File("one.db"));
        var before = Dump(dir.File("one.db")).Single(l => l.Contains("drone_strike"));

        dir.Write("docs/b.txt", TempDirectory.Document("second-report", "2025-03-11", "A Russian drone attack on Kharkiv on Monday killed two people, the mayor said."));
        pipeline.Run(dir.File("docs"), dir.File("two.db"));
        var after = Dump(dir.File("two.db")).Where(l => l.Contains("drone_strike")).ToList();

        Assert.Single(after);
        Assert.Equal(before.Split('|')[0], after[0].Split('|')[0]);
        Assert.Contains("sources=2", after[0]);
    }

    private static List<string> Dump(string path)
    {
        using var connection = new SqliteConnection(SqliteFiles.ReadOnly(path));
        connection.Open();
        var events = new EventQueries(connection).Stream(new EventFilter(), new EventSort([("id", false)]), null, int.MaxValue)
            .Select(e => $"{e.Row.Id}|{e.Row.Type}|{e.Row.Subtype}|{e.Row.Date}|{e.Row.DateEnd}|{e.Row.PlaceId}|{e.Row.Summary}|sources={e.Row.SourceCount}|"
                + string.Join(",", e.Actors.Select(a => a.Id + ":" + a.Role)) + "|" + string.Join(",", e.Sources.Select(s => $"{s.DocumentId}@{s.Offset}+{s.Length}")))
            .ToList();
        SqliteConnection.ClearAllPools();
        return events;
    }
}
