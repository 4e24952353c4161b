using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>How the project opens its SQLite files.</summary>
public static class SqliteFiles
{
    /// <summary>A read-only, pooled connection string: the API never writes the dataset.</summary>
    public static string ReadOnly(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
    }.ToString();

    /// <summary>A read-only connection to the file, open.</summary>
    public static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection(ReadOnly(path));
        connection.Open();
        return connection;
    }

    public static string ReadWriteCreate(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
    }.ToString();
}
