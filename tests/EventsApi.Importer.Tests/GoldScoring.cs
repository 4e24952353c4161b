using EventsApi.Importer.Commands;
using EventsApi.Importer.Evaluation;
using EventsApi.Importer.Pipeline;
using NodaTime;

namespace EventsApi.Importer.Tests;

/// <summary>Imports a folder of articles (copied to the test output) into a real SQLite file and scores it against a gold file, as score.py scores.</summary>
internal static class GoldScoring
{
    public static (GoldFile Gold, Scorer.Result Result) Run(string documents, string goldFile, Instant now)
    {
        using var dir = new TempDirectory();
        new ImportPipeline(DataFiles.Load(), new FixedClock(now)).Run(Path.Combine(AppContext.BaseDirectory, documents), dir.File("scored.db"));
        var gold = GoldFile.Load(Path.Combine(AppContext.BaseDirectory, "Gold", goldFile));
        return (gold, Scorer.Score(gold, EvaluateCommand.Read(dir.File("scored.db"), null)));
    }
}
