using EventsApi.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EventsApi.Infrastructure;

/// <summary>
/// Where the served dataset lives. Connections are read-only, and kept open between requests so
/// that the statements prepared on them stay prepared (PreparedStatements). When an import renames
/// a new file over the path, the next request notices (the file's identity changed): the idle
/// connections are closed, requests in flight finish on the old file, and their connections are
/// closed as they come back.
/// </summary>
public sealed class DatasetSource : IDisposable
{
    private readonly string connectionString;
    /// <summary>
    /// Idle connections kept, each with its page cache and statements: twice the requests that run at
    /// once (Api:MaxConcurrentRequests), since requests outside that limit (health checks) use them too.
    /// </summary>
    private readonly int maxIdle;
    private readonly Lock gate = new();
    private readonly Stack<SqliteConnection> idle = new();
    private FileStamp stamp;

    public DatasetSource(IOptions<DatabaseOptions> options, IOptions<ApiOptions> api, IHostEnvironment environment)
    {
        FullPath = ProjectPaths.Resolve(options.Value.Path, environment.ContentRootPath);
        connectionString = SqliteFiles.Serving(FullPath);
        ProfilesSql = options.Value.ProfileSql;
        maxIdle = 2 * api.Value.ConcurrentRequests;
        DetailCache.Configure((long)options.Value.DetailCacheMegabytes << 20);
        DetailOffsets.Enabled = options.Value.ReadRowsByOffset;
    }

    public bool ProfilesSql { get; }

    public string FullPath { get; }

    /// <summary>
    /// A connection to the file as it is now, and that file's stamp, to give back with it (<see cref="Return"/>).
    /// A file deleted while served is not read through the connections still open on it: the requests
    /// are told (DatasetUnavailableException) until a file is back.
    /// </summary>
    public (SqliteConnection Connection, FileStamp Stamp) Open()
    {
        var current = FileStamp.Of(FullPath);
        lock (gate)
        {
            if (current != stamp)
            {
                CloseIdle();
                SqliteConnection.ClearAllPools();
                stamp = current;
            }
            else if (idle.TryPop(out var kept)) return (kept, current);
        }
        if (current == default) throw new DatasetUnavailableException(FullPath, "no such file");
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new DatasetUnavailableException(FullPath, e.Message, e);
        }
        if (ProfilesSql) SqliteTime.Attach(connection);
        return (connection, current);
    }

    /// <summary>Keeps a connection for the next request, unless its file has been replaced since it was opened.</summary>
    public void Return(SqliteConnection connection, FileStamp openedOn)
    {
        lock (gate)
        {
            if (openedOn == stamp && idle.Count < maxIdle && connection.State == System.Data.ConnectionState.Open)
            {
                idle.Push(connection);
                return;
            }
        }
        connection.Dispose();
    }

    private void CloseIdle()
    {
        while (idle.TryPop(out var connection)) connection.Dispose();
    }

    public void Dispose()
    {
        lock (gate) CloseIdle();
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
    private FileStamp openedOn;
    private EventQueries? queries;

    public SqliteConnection Connection
    {
        get
        {
            if (connection is null)
            {
                (connection, openedOn) = source.Open();
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
        queries?.Dispose();
        if (connection is null) return;
        QueryTimeLimit.Detach(connection);
        source.Return(connection, openedOn);
    }
}
