using System.Collections.Concurrent;
using Dapper;
using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>
/// Replacing the served database: a new file is written beside the target and renamed over it,
/// which POSIX makes atomic, so readers see the old file or the new one and never a mix.
/// </summary>
public static class DatabaseFile
{
    public static string Replace(string target, Func<string, string> write)
    {
        var full = Path.GetFullPath(target);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        RemoveAbandoned(full);
        try
        {
            var result = write(temporary);
            SqliteConnection.ClearAllPools();
            Verify(temporary);
            File.Move(temporary, full, overwrite: true);
            return result;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Temporary files of imports that were killed (their process is gone): the new file, and the files
    /// its writer made beside it, named by extending its name (SearchIndexBuild's). Never the served file.
    /// </summary>
    private static void RemoveAbandoned(string target)
    {
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(target)!, Path.GetFileName(target) + ".*.tmp*"))
        {
            var parts = Path.GetFileName(file)[(Path.GetFileName(target).Length + 1)..].Split('.', 3);
            if (parts.Length != 3 || !(parts[2] == "tmp" || parts[2].StartsWith("tmp.", StringComparison.Ordinal))
                || !int.TryParse(parts[0], out var pid) || pid == Environment.ProcessId || IsRunning(pid)) continue;
            try { File.Delete(file); }
            catch (IOException) { }
        }
    }

    private static bool IsRunning(int pid)
    {
        try { return !System.Diagnostics.Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    /// <summary>The schema version a database file records, or null when it cannot be read as SQLite.</summary>
    public static int? SchemaVersion(string path)
    {
        try
        {
            using var connection = SqliteFiles.OpenReadOnly(path);
            return connection.ExecuteScalar<int>("PRAGMA user_version");
        }
        catch (SqliteException)
        {
            return null;
        }
        finally
        {
            // Pooled: the file may be replaced next, and a pooled handle would keep the old one open.
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>
    /// The tables whose pages are checked: every one but the full-text index's virtual table. Named
    /// one by one, SQLite checks their b-trees and indexes (the full-text index's shadow tables, which
    /// hold its pages, included) but not the full-text index's own consistency check, which an unnamed
    /// quick_check runs since SQLite 3.44: 8 of its 11 s at 1M events, at every import and start-up.
    /// </summary>
    private const string CheckedTables = """
        SELECT name, EXISTS (SELECT 1 FROM pragma_foreign_key_list(name)) AS HasKeys
        FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name
        """;

    /// <summary>Fails unless the file is a sound SQLite database with the latest schema whose rows refer only to rows it has.</summary>
    public static void Verify(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: no such database file");
        try
        {
            using var connection = SqliteFiles.OpenReadOnly(path);
            var schema = connection.ExecuteScalar<int>("PRAGMA user_version");
            if (schema != Migrations.Latest) throw new InvalidDataException($"{path}: schema version {schema}, expected {Migrations.Latest}");
            // Each table's foreign keys, then each table's pages, on two connections at once, handed out
            // one at a time. At 1M events the foreign keys take 3.6 s and the pages 3 s in all; checked as
            // one step, the foreign keys kept one connection busy while the other checked every page: 3.8-4.0 s
            // in all, now 3.4-3.8 s.
            var tables = connection.Query<(string Name, bool HasKeys)>(CheckedTables).AsList();
            var checks = tables.Where(t => t.HasKeys)
                .Select(t => (Action<SqliteConnection>)(checking => CheckForeignKeys(checking, path, t.Name)))
                .Concat(tables.Select(t => (Action<SqliteConnection>)(checking => CheckPages(checking, path, t.Name))))
                .ToList();
            Parallel.ForEach(Partitioner.Create(checks, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { MaxDegreeOfParallelism = 2 },
                () => SqliteFiles.OpenReadOnly(path), (check, _, checking) => Checked(check, checking, path), checking => checking.Dispose());
        }
        catch (SqliteException e)
        {
            throw Unreadable(path, e);
        }
        catch (AggregateException e)
        {
            // The first failure reported (a check that failed, or a connection that could not open the file).
            var failure = e.Flatten().InnerExceptions[0];
            if (failure is SqliteException sqlite) throw Unreadable(path, sqlite);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private static InvalidDataException Unreadable(string path, SqliteException e) =>
        new($"{path}: not a readable SQLite database ({e.Message})", e);

    /// <summary>Runs one check; SQLite failing to read a page while checking is the check failing.</summary>
    private static SqliteConnection Checked(Action<SqliteConnection> check, SqliteConnection connection, string path)
    {
        try
        {
            check(connection);
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{path}: integrity check failed: {e.Message}", e);
        }
        return connection;
    }

    private static void CheckPages(SqliteConnection connection, string path, string table)
    {
        var check = connection.ExecuteScalar<string>($"PRAGMA quick_check(\"{table}\")");
        if (check != "ok") throw new InvalidDataException($"{path}: integrity check failed: {check}");
    }

    private static void CheckForeignKeys(SqliteConnection connection, string path, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA foreign_key_check(\"{table}\")";
        using var reader = command.ExecuteReader();
        if (reader.Read())
            throw new InvalidDataException($"{path}: the dataset breaks a foreign key: a row of {reader.GetString(0)} refers to a missing row of {reader.GetString(2)}");
    }
}
