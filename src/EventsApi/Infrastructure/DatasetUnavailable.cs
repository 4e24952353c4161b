using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace EventsApi.Infrastructure;

/// <summary>The served database file is gone, or is not a SQLite database, so no request can be answered from it.</summary>
public sealed class DatasetUnavailableException(string path, string reason, Exception? inner = null)
    : Exception($"{path}: {reason}", inner);

/// <summary>
/// A served file that disappears or is overwritten by something that is not SQLite is the service's
/// state, not a fault in the request: each request gets a 503 problem saying so, with Retry-After,
/// until a file is back at the path (the next request notices it, see DatasetSource). The path is
/// logged, not told to clients.
/// </summary>
public sealed class DatasetUnavailableHandler(IProblemDetailsService problems, ILogger<DatasetUnavailableHandler> log) : IExceptionHandler
{
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    public static bool Unavailable(Exception e) =>
        e is DatasetUnavailableException or SqliteException { SqliteErrorCode: SqliteCantOpen or SqliteNotADatabase };

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!Unavailable(exception) || http.Response.HasStarted) return false;
        log.LogError("The dataset cannot be served: {Reason}", exception.Message);
        return await Problems.WriteUnavailable(problems, http, exception, retryAfterSeconds: 30, "Dataset unavailable",
            "The database file this service serves is missing or is not a readable SQLite database. " +
            "Requests are answered again as soon as an import puts one back; /health reports when.");
    }
}
