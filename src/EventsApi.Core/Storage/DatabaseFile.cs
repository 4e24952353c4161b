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
        SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name
        """;

    /// <summary>Each foreign key of those tables, a row per column (a key of several columns has several, with one id).</summary>
    private const string ForeignKeys = """
        SELECT m.name AS "Table", k."from" AS "Column", k."table" AS Parent, k."to" AS "Key",
               (SELECT count(*) FROM pragma_foreign_key_list(m.name) c WHERE c.id = k.id) AS Columns
        FROM sqlite_schema m, pragma_foreign_key_list(m.name) k
        WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY m.name, k.id
        """;

    /// <summary>A foreign key's column, and the column of the table it refers to (null: that table's primary key).</summary>
    private sealed record ForeignKey(string Table, string Column, string Parent, string? Key, long Columns)
    {
        /// <summary>One column referring to a named one: checked value by value (CheckForeignKey), the others by SQLite's pragma.</summary>
        public bool Simple => Columns == 1 && Key is not null;
    }

    /// <summary>Fails unless the file is a sound SQLite database with the latest schema whose rows refer only to rows it has.</summary>
    public static void Verify(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: no such database file");
        try
        {
            using var connection = SqliteFiles.OpenReadOnly(path);
            var schema = connection.ExecuteScalar<int>("PRAGMA user_version");
            if (schema != Migrations.Latest) throw new InvalidDataException($"{path}: schema version {schema}, expected {Migrations.Latest}");
            // Each foreign key, then each table's pages, on two connections at once, handed out one at a
            // time. At 1M events the foreign keys take 2.2 s and the pages 3 s in all; checked as one step,
            // the foreign keys kept one connection busy while the other checked every page.
            var tables = connection.Query<string>(CheckedTables).AsList();
            var keys = connection.Query<ForeignKey>(ForeignKeys).AsList();
            var checks = keys.Where(k => k.Simple)
                .Select(k => (Action<SqliteConnection>)(checking => CheckForeignKey(checking, path, k)))
                .Concat(keys.Where(k => !k.Simple).Select(k => k.Table).Distinct()
                    .Select(t => (Action<SqliteConnection>)(checking => CheckForeignKeys(checking, path, t))))
                .Concat(tables.Select(t => (Action<SqliteConnection>)(checking => CheckPages(checking, path, t))))
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
        var check = connection.ExecuteScalar<string>($"PRAGMA quick_check({Quoted(table)})");
        if (check != "ok") throw new InvalidDataException($"{path}: integrity check failed: {check}");
    }

    private static void CheckForeignKeys(SqliteConnection connection, string path, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA foreign_key_check({Quoted(table)})";
        using var reader = command.ExecuteReader();
        if (reader.Read())
            throw new InvalidDataException($"{path}: the dataset breaks a foreign key: a row of {reader.GetString(0)} refers to a missing row of {reader.GetString(2)}");
    }

    /// <summary>
    /// A key of one column: each of its distinct values looked up once, read off the index that leads with
    /// the column where there is one, where the pragma looks up every row's. At 1M events, the events'
    /// three keys (oblast, country and place: 24 to 5,000 values) 1.2 s -> 37 ms; the seqs of
    /// event_details, event_actors and event_sources 2.8 -> 1.9 s; all of them 4.1 -> 2.2 s.
    /// </summary>
    private static void CheckForeignKey(SqliteConnection connection, string path, ForeignKey key)
    {
        var (table, column, parent) = (Quoted(key.Table), Quoted(key.Column), Quoted(key.Parent));
        var missing = connection.Query<object>(
            $"SELECT v FROM (SELECT DISTINCT {column} AS v FROM {table} WHERE {column} IS NOT NULL) " +
            $"WHERE NOT EXISTS (SELECT 1 FROM {parent} WHERE {Quoted(key.Key!)} = v) LIMIT 1").AsList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{path}: the dataset breaks a foreign key: a row of {key.Table} refers to a missing row of {key.Parent} ({key.Column} {missing[0]})");
    }

    /// <summary>A name from the file's schema as an SQL identifier.</summary>
    private static string Quoted(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
