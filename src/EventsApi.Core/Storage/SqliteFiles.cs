using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>How the project opens its SQLite files.</summary>
public static class SqliteFiles
{
    /// <summary>A read-only, pooled connection string (<paramref name="path"/> may be a file: URI): the API never writes the dataset.</summary>
    public static string ReadOnly(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
    }.ToString();

    /// <summary>
    /// The API's connections: read-only, and immutable, which is what the served file is: an import
    /// writes a new file and renames it over the path (DatabaseFile.Replace), so no file is written
    /// while anyone reads it, and a connection open on the old one keeps reading the old one whole.
    /// SQLite then takes no file locks and checks for no journal (seven system calls and a read of the
    /// header per statement otherwise, more than one event by id costs in SQLite itself).
    /// </summary>
    public static string Serving(string path) => ReadOnly(new Uri(Path.GetFullPath(path)).AbsoluteUri + "?immutable=1");

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
