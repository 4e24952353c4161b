using EventsApi.Importer.Pipeline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace EventsApi.Tests;

/// <summary>
/// The real API over a real SQLite file: the test articles in Documents/ are imported once by
/// the real pipeline into a database of this fixture's own, which the host then serves.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "eventsapi-api-" + Guid.NewGuid().ToString("N"))).FullName;

    public string DatabasePath => Path.Combine(Directory, "events.db");

    public static string DocumentsPath => Path.Combine(AppContext.BaseDirectory, "Documents");

    public ApiFactory()
    {
        var report = new ImportPipeline(DataFiles.Load(), new FixedClock(Instant.FromUtc(2025, 6, 1, 0, 0))).Run(DocumentsPath, DatabasePath);
        if (!report.Succeeded) throw new InvalidOperationException(string.Join("\n", report.Lines()));
    }

    /// <summary>Serves a synthetic dataset of this many events (written by the project's own storage code) instead of the test articles.</summary>
    public ApiFactory WithSyntheticDataset(int events, int seed)
    {
        var path = Path.Combine(Directory, "synthetic.db");
        new EventsApi.Importer.Synthetic.SyntheticDataset(DataFiles.Load(), events, seed).WriteTo(path, Instant.FromUtc(2026, 1, 1, 0, 0), "test");
        Settings["Database:Path"] = path;
        Settings["RateLimit:Enabled"] = "false";
        return this;
    }

    /// <summary>Settings a test wants on top of the defaults (RateLimit, Import, ...).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Path", DatabasePath);
        builder.UseSetting("Import:Documents", DocumentsPath);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}

public sealed class FixedClock(Instant now) : IClock
{
    public Instant GetCurrentInstant() => now;
}
