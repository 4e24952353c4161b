using System.Globalization;
using EventsApi.Core.Storage;
using EventsApi.Importer.Evaluation;
using Microsoft.Data.Sqlite;

namespace EventsApi.Importer.Commands;

/// <summary>`evaluate &lt;gold.json&gt; --db &lt;file&gt;`: precision, recall and F1 per type and per field.</summary>
public static class EvaluateCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var positional = Usage.Positional(args);
        var database = Usage.Option(args, "--db");
        if (positional.Length != 1 || database is null) return Usage.Print(error);
        GoldFile gold;
        List<ScoredEvent> events;
        try
        {
            gold = GoldFile.Load(positional[0]);
            DatabaseFile.Verify(database);
            events = Read(database, args.Contains("--documents") ? gold.Documents : null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or SqliteException)
        {
            error.WriteLine($"evaluate: cannot read inputs: {e.Message}");
            return 2;
        }
        var result = Scorer.Score(gold, events);
        Print(result, output);
        return 0;
    }

    /// <summary>Every event of the dataset, or only those citing one of <paramref name="documents"/>.</summary>
    public static List<ScoredEvent> Read(string database, IReadOnlyList<string>? documents)
    {
        using var connection = SqliteFiles.OpenReadOnly(database);
        var filter = documents is null ? new EventFilter() : new EventFilter { Sources = documents };
        var events = new EventQueries(connection).Stream(filter, EventSort.Default, null, int.MaxValue).Select(EventDetails.Read).Select(ScoredEvent.From).ToList();
        SqliteConnection.ClearPool(connection);
        return events;
    }

    public static void Print(Scorer.Result r, TextWriter output)
    {
        static string F(double d) => d.ToString("0.000", CultureInfo.InvariantCulture);
        output.WriteLine($"extracted          {r.Extracted}");
        output.WriteLine($"required           {r.Required}");
        output.WriteLine($"matched_required   {r.MatchedRequired}");
        output.WriteLine($"matched_optional   {r.MatchedOptional}");
        output.WriteLine($"false_positives    {r.FalsePositives}");
        output.WriteLine($"duplicates         {r.Duplicates}");
        foreach (var (name, (hit, n)) in r.Fields) output.WriteLine($"field {name,-14} {hit}/{n}");
        foreach (var (type, t) in r.ByType) output.WriteLine($"type  {type,-18} precision {F(t.Precision)} recall {F(t.Recall)} (gold {t.Gold}, extracted {t.Extracted})");
        foreach (var key in r.Missed) output.WriteLine($"missed            {key}");
        foreach (var s in r.FalsePositiveExamples) output.WriteLine($"false positive    {s}");
        foreach (var s in r.DuplicateExamples) output.WriteLine($"duplicate         {s}");
        output.WriteLine($"precision {F(r.Precision)} recall {F(r.Recall)} f1 {F(r.F1)}");
    }
}
