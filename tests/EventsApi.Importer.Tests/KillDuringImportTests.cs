using System.Diagnostics;
using System.Security.Cryptography;
using EventsApi.Core.Storage;
using Microsoft.Data.Sqlite;

namespace EventsApi.Importer.Tests;

/// <summary>The importer killed with SIGKILL at random points: the served database is the previous one, intact.</summary>
public class KillDuringImportTests
{
    [Fact]
    public async Task KillingTheImporterNeverDamagesTheServedDatabase()
    {
        using var dir = new TempDirectory();
        // Enough documents that an import takes a few seconds: the corpus, many times over, with unique ids.
        var corpus = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.txt");
        for (var copy = 0; copy < 20; copy++)
        {
            foreach (var file in corpus)
            {
                var text = File.ReadAllText(file).Replace("\nid: ", $"\nid: copy{copy}-");
                dir.Write($"docs/{copy}-{Path.GetFileName(file)}", text);
            }
        }
        var target = dir.File("events.db");
        var timer = Stopwatch.StartNew();
        Assert.Equal(0, await Import(dir.File("docs"), target, killAfter: null));
        // The kills fall within the import as long as it takes on this machine (1.7 s on one, 5 s on another).
        var importTime = timer.Elapsed;
        var before = SHA256.HashData(File.ReadAllBytes(target));
        var version = DatasetVersion(target);

        var random = new Random(7);
        var killed = 0;
        for (var round = 0; round < 5; round++)
        {
            var killAfter = importTime * (0.1 + 0.8 * random.NextDouble());
            var wasKilled = await Import(dir.File("docs"), target, killAfter) == Killed;
            var now = SHA256.HashData(File.ReadAllBytes(target));
            // Killed: the previous file, byte for byte. Finished first: the new file, which becomes the
            // baseline. A kill can also land after the new file took the old one's place but before the
            // process ended: then it must be that new file, whole (the same documents, the same dataset).
            if (wasKilled && now.SequenceEqual(before)) killed++;
            else Assert.Equal(version, DatasetVersion(target));
            before = now;
            using var connection = SqliteFiles.OpenReadOnly(target);
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar());
            SqliteConnection.ClearAllPools();
        }

        Assert.True(killed >= 2, $"only {killed} of 5 imports were killed before they finished");

        // The next import clears what the killed ones left behind and succeeds.
        Assert.Equal(0, await Import(dir.File("docs"), target, killAfter: null));
        // Its new file and the files beside it (the search index's feed and side file) included.
        Assert.Empty(Directory.GetFiles(dir.Path, "events.db.*.tmp*"));
    }

    private const int Killed = -9;

    private static string DatasetVersion(string path)
    {
        using var connection = SqliteFiles.OpenReadOnly(path);
        var version = TempDirectory.DatasetVersion(connection);
        SqliteConnection.ClearAllPools();
        return version;
    }

    private static async Task<int> Import(string documents, string target, TimeSpan? killAfter)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "EventsApi.Importer.dll"), "import", documents, "--db", target])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (killAfter is { } delay && !process.WaitForExit(delay))
        {
            process.Kill(entireProcessTree: true);   // SIGKILL: no chance to clean up
            await process.WaitForExitAsync();
            return Killed;
        }
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
