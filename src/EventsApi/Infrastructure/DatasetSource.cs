using EventsApi.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EventsApi.Infrastructure;

/// <summary>
/// Where the served dataset lives. Connections are read-only and pooled; when an import renames a
/// new file over the path, the next request notices (the file's identity changed) and the pool is
/// cleared, so later requests read the new file while requests in flight finish on the old one.
/// </summary>
public sealed class DatasetSource
{
    private readonly string connectionString;
    private readonly Lock gate = new();
    private FileStamp stamp;

    public DatasetSource(IOptions<DatabaseOptions> options, IHostEnvironment environment)
    {
        FullPath = ProjectPaths.Resolve(options.Value.Path, environment.ContentRootPath);
        connectionString = SqliteFiles.ReadOnly(FullPath);
        ProfilesSql = options.Value.ProfileSql;
    }

    public bool ProfilesSql { get; }

    public string FullPath { get; }

    /// <summary>A connection to the file as it is now.</summary>
    public SqliteConnection Open()
    {
        var current = FileStamp.Of(FullPath);
        if (current != stamp)
        {
            lock (gate)
            {
                if (current != stamp)
                {
                    SqliteConnection.ClearAllPools();
                    stamp = current;
                }
            }
        }
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        if (ProfilesSql) SqliteTime.Attach(connection);
        return connection;
    }
}

/// <summary>What tells one dataset file from the next at the same path: an import renames a new file over it.</summary>
public readonly record struct FileStamp(DateTime Written, long Length)
{
    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.LastWriteTimeUtc, info.Length) : default;
    }
}

/// <summary>
/// The request's view of the dataset: one connection, opened on first use, and the version of the
/// file that connection reads. Its statements share the request's time budget (<see cref="QueryTimeLimit"/>).
/// </summary>
public sealed class DatasetSession(DatasetSource source, IOptions<ApiOptions> options, IHttpContextAccessor http) : IDisposable
{
    private readonly QueryTimeLimit limit = new(TimeSpan.FromMilliseconds(options.Value.QueryTimeLimitMilliseconds),
        http.HttpContext?.RequestAborted ?? CancellationToken.None);
    private SqliteConnection? connection;
    private EventQueries? queries;

    public SqliteConnection Connection
    {
        get
        {
            if (connection is null)
            {
                connection = source.Open();
                limit.Attach(connection);
            }
            return connection;
        }
    }

    public EventQueries Queries => queries ??= new(Connection);

    public string Version => Queries.DatasetVersion;

    /// <summary>A streamed export may read every row: it gets the export budget instead.</summary>
    public void AllowExport() => limit.Extend(TimeSpan.FromSeconds(options.Value.ExportTimeLimitSeconds));

    public TimeSpan Budget => limit.Budget;

    public void Dispose()
    {
        if (connection is null) return;
        QueryTimeLimit.Detach(connection);
        connection.Dispose();
    }
}
