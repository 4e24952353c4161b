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
        using var connection = SqliteFiles.OpenReadOnly(path);
        var events = new EventQueries(connection).Stream(new EventFilter(), new EventSort([("id", false)]), null, int.MaxValue).Select(EventDetails.Read)
            .Select(e => $"{e.Id}|{e.Type}|{e.Subtype}|{e.Date}|{e.DateEnd}|{e.Location?.Id}|{e.Summary}|sources={e.SourceCount}|"
                + string.Join(",", e.Actors.Select(a => a.Id + ":" + a.Role)) + "|" + string.Join(",", e.Sources.Select(s => $"{s.DocumentId}@{s.Offset}+{s.Length}")))
            .ToList();
        SqliteConnection.ClearAllPools();
        return events;
    }
}

/// <summary>The unfiltered timeline comes from the rollups, and says the same as grouping every event.</summary>
public class TimelineRollupTests
{
    [Fact]
    public void TheRollupAgreesWithGroupingEveryEvent()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.ImportCorpus(dir);
        var queries = new EventQueries(connection);

        var rolledUp = queries.Timeline(new EventFilter(), "month", "type");
        // Any criterion, even one every event meets, takes the path that groups the events themselves.
        var grouped = queries.Timeline(new EventFilter { From = new NodaTime.LocalDate(1900, 1, 1) }, "month", "type");

        Assert.True(new EventFilter().IsEmpty);
        Assert.False(new EventFilter { Regions = ["x"] }.IsEmpty);
        Assert.NotEmpty(rolledUp);
        Assert.Equal(grouped.Select(r => (r.Period, r.Grp, r.Events, r.Fatalities)), rolledUp.Select(r => (r.Period, r.Grp, r.Events, r.Fatalities)));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void EachUnfilteredTimelineIsKeptApartByIntervalAndGroup()
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.ImportCorpus(dir);
        var queries = new EventQueries(connection);
        var everything = new EventFilter { From = new NodaTime.LocalDate(1900, 1, 1) };

        // Asked in turns, so an answer kept for one interval or group would show up as another's. Every
        // interval and group, the rolled-up ones and those grouped from the events alike.
        for (var round = 0; round < 2; round++)
        foreach (var interval in new[] { "day", "week", "month", "year" })
        foreach (var group in new[] { null, "type", "subtype", "actor", "country", "admin1" })
        {
            var rolledUp = queries.Timeline(new EventFilter(), interval, group);
            var grouped = queries.Timeline(everything, interval, group);
            Assert.NotEmpty(rolledUp);
            Assert.Equal(grouped.Select(r => (r.Period, r.Grp, r.Events, r.Fatalities)), rolledUp.Select(r => (r.Period, r.Grp, r.Events, r.Fatalities)));
        }
        SqliteConnection.ClearAllPools();
    }
}

/// <summary>The events a filter's WHERE selects, by seq: what the two forms of a filter must agree on.</summary>
internal static class FilterForms
{
    public static List<long> Select(SqliteConnection connection, EventFilter filter)
    {
        var (where, parameters) = EventFilters.Build(filter);
        return Dapper.SqlMapper.Query<long>(connection, $"SELECT e.seq FROM events e WHERE {where} ORDER BY e.seq", parameters).ToList();
    }
}

/// <summary>The two forms of the actor filter (collect the actors' events, or walk events and probe) select the same events.</summary>
public class ActorFilterFormsTests
{
    [Theory]
    [InlineData("Russia")]
    [InlineData("UKR")]
    [InlineData("ru-armed-forces")]
    [InlineData("Zelenskyy")]
    [InlineData("Kremlin")]
    public void BothFormsSelectTheSameEvents(string actor)
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.ImportCorpus(dir);

        var collected = FilterForms.Select(connection, new EventFilter { Actors = [actor], BroadActors = false });
        Assert.NotEmpty(collected);
        Assert.Equal(collected, FilterForms.Select(connection, new EventFilter { Actors = [actor], BroadActors = true }));
        Assert.Equal(collected.Count, new EventQueries(connection).Count(new EventFilter { Actors = [actor] }));
        SqliteConnection.ClearAllPools();
    }
}

/// <summary>The two forms of the search filter (collect the matches, or walk events and probe each) select the same events, and the count agrees.</summary>
public class SearchFilterFormsTests
{
    [Theory]
    [InlineData("drone*")]
    [InlineData("Kharkiv")]
    [InlineData("prisoner* exchange*")]
    public void BothFormsSelectTheSameEvents(string words)
    {
        using var dir = new TempDirectory();
        using var connection = TempDirectory.ImportCorpus(dir);

        var collected = FilterForms.Select(connection, new EventFilter { Query = words, BroadQuery = false });
        Assert.NotEmpty(collected);
        Assert.Equal(collected, FilterForms.Select(connection, new EventFilter { Query = words, BroadQuery = true }));
        Assert.Equal(collected.Count, new EventQueries(connection).Count(new EventFilter { Query = words }));
        Assert.Equal(collected.Count, new EventQueries(connection).Stream(new EventFilter { Query = words }, EventSort.Default, null, int.MaxValue).Count());
        SqliteConnection.ClearAllPools();
    }
}

/// <summary>`generate` is reproducible: a seed gives the same dataset in every process (nothing salted per process).</summary>
public class SyntheticDeterminismTests
{
    [Fact]
    public void GenerateGivesTheSameDatasetVersionForASeedInTwoProcesses()
    {
        using var dir = new TempDirectory();

        string Version(string name)
        {
            var run = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet",
                [Path.Combine(AppContext.BaseDirectory, "EventsApi.Importer.dll"), "generate", "--events", "300", "--seed", "7", "--db", dir.File(name)])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = run.StandardOutput.ReadToEnd();
            run.WaitForExit();
            Assert.True(run.ExitCode == 0, output + run.StandardError.ReadToEnd());
            return System.Text.RegularExpressions.Regex.Match(output, @"dataset version (\w+)").Groups[1].Value;
        }

        var first = Version("one.db");
        Assert.NotEmpty(first);
        Assert.Equal(first, Version("two.db"));
    }
}
