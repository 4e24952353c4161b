using Microsoft.Data.Sqlite;

namespace EventsApi.Importer.Tests;

/// <summary>A directory of its own for a test that writes, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eventsapi-" + Guid.NewGuid().ToString("N"))).FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        // Pooled SQLite connections keep files open; release them before deleting.
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>The golden corpus imported into this directory by the real pipeline, opened read-only.</summary>
    public static SqliteConnection ImportCorpus(TempDirectory dir)
    {
        foreach (var file in Directory.GetFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "Corpus"))) System.IO.File.Copy(file, dir.File(System.IO.Path.GetFileName(file)));
        new EventsApi.Importer.Pipeline.ImportPipeline(EventsApi.Importer.Pipeline.DataFiles.Load(), new FixedClock(NodaTime.Instant.FromUtc(2026, 1, 1, 0, 0)))
            .Run(dir.Path, dir.File("t.db"));
        return EventsApi.Core.Storage.SqliteFiles.OpenReadOnly(dir.File("t.db"));
    }

    /// <summary>A synthetic dataset written into this directory by the project's storage code (the generate command's), opened read-only.</summary>
    public static SqliteConnection Synthetic(TempDirectory dir, int events, int seed) =>
        EventsApi.Core.Storage.SqliteFiles.OpenReadOnly(SyntheticFile(dir, events, seed));

    /// <summary>The same dataset's file, written and not opened: for a test that opens it to write.</summary>
    public static string SyntheticFile(TempDirectory dir, int events, int seed)
    {
        var path = dir.File($"synthetic-{events}-{seed}.db");
        new EventsApi.Importer.Synthetic.SyntheticDataset(EventsApi.Importer.Pipeline.DataFiles.Load(), events, seed)
            .WriteTo(path, NodaTime.Instant.FromUtc(2026, 1, 1, 0, 0), "test");
        return path;
    }

    /// <summary>The dataset version the file's writer recorded (the hash of its events' content).</summary>
    public static string DatasetVersion(SqliteConnection connection) =>
        Dapper.SqlMapper.ExecuteScalar<string>(connection, "SELECT value FROM dataset WHERE key = 'version'")!;

    /// <summary>A connection that writes to the file, open (for a test that changes a dataset behind the writer's back).</summary>
    public static SqliteConnection OpenToWrite(string path)
    {
        var connection = new SqliteConnection(EventsApi.Core.Storage.SqliteFiles.ReadWriteCreate(path));
        connection.Open();
        return connection;
    }

    /// <summary>A document in the format of CODEBOOK.md, "Input documents".
    public static string Document(string id, string published, string body, string timezone = "Europe/Kyiv", string? extra = null) =>
        $"---\nid: {id}\ntitle: Test {id}\npublisher: Test Wire\npublished: {published}\ntimezone: {timezone}\nlanguage: en\n{extra}---\n{body}\n";
}
