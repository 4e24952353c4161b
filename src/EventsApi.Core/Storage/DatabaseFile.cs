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

    /// <summary>Fails unless the file is a sound SQLite database with the latest schema.</summary>
    public static void Verify(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: no such database file");
        try
        {
            using var connection = new SqliteConnection(SqliteFiles.ReadOnly(path));
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check";
            var check = command.ExecuteScalar() as string;
            if (check != "ok") throw new InvalidDataException($"{path}: integrity check failed: {check}");
            command.CommandText = "PRAGMA user_version";
            var schema = Convert.ToInt32(command.ExecuteScalar());
            if (schema != Migrations.Latest) throw new InvalidDataException($"{path}: schema version {schema}, expected {Migrations.Latest}");
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{path}: not a readable SQLite database ({e.Message})", e);
        }
    }
}
