using System.Diagnostics;
using System.Globalization;
using EventsApi.Importer.Pipeline;
using EventsApi.Importer.Synthetic;
using NodaTime;

namespace EventsApi.Importer.Commands;

/// <summary>`generate --events N --db FILE [--seed S]`: a synthetic dataset of N events for load tests.</summary>
public static class GenerateCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var database = Usage.Option(args, "--db");
        if (database is null || !int.TryParse(Usage.Option(args, "--events"), NumberStyles.None, CultureInfo.InvariantCulture, out var events) || events < 1)
            return Usage.Print(error);
        var seed = int.Parse(Usage.Option(args, "--seed") ?? "1", CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        var data = DataFiles.Load();
        var synthetic = new SyntheticDataset(data, events, seed);
        string version;
        try
        {
            version = synthetic.WriteTo(database, SystemClock.Instance.GetCurrentInstant(), "synthetic-" + data.DataVersion);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            error.WriteLine($"generate: failed, {database} is unchanged: {e.Message}");
            return 1;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {events} events, {synthetic.Documents.Count} documents into {database} in {clock.Elapsed.TotalSeconds:F1} s (dataset version {version})"));
        return 0;
    }
}
