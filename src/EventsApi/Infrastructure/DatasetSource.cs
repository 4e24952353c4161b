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
    private readonly bool profileSql;
    private readonly Lock gate = new();
    private (DateTime Written, long Length) stamp;

    public DatasetSource(IOptions<DatabaseOptions> options, IHostEnvironment environment)
    {
        FullPath = ProjectPaths.Resolve(options.Value.Path, environment.ContentRootPath);
        connectionString = SqliteFiles.ReadOnly(FullPath);
        profileSql = options.Value.ProfileSql;
    }

    public bool ProfilesSql => profileSql;

    public string FullPath { get; }

    public SqliteConnection Open()
    {
        var current = Stamp();
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
        if (profileSql) SqliteTime.Attach(connection);
        return connection;
    }

    private (DateTime, long) Stamp()
    {
        var info = new FileInfo(FullPath);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : default;
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
    private string? version;

    public SqliteConnection Connection => connection ??= limit.Attach(source.Open());

    public EventQueries Queries => queries ??= new(Connection);

    public string Version => version ??= Queries.Metadata().GetValueOrDefault("version", "unknown");

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
