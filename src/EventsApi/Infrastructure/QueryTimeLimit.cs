using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EventsApi.Infrastructure;

/// <summary>
/// A request's time budget inside SQLite. Microsoft.Data.Sqlite cannot cancel a running statement,
/// so SQLite's progress handler, called every few thousand virtual-machine steps, interrupts it once
/// the budget is spent (SQLITE_INTERRUPT); <see cref="QueryTimeLimitHandler"/> turns that into a 503.
/// It also stops as soon as the client has gone: an abandoned request frees its slot at once
/// instead of finishing work nobody will read.
/// </summary>
public sealed class QueryTimeLimit(TimeSpan budget, CancellationToken abandoned = default)
{
    /// <summary>Steps between checks: a check is a clock read, a few thousand steps are microseconds.</summary>
    private const int StepsPerCheck = 4000;
    private const int SqliteInterrupt = 9;
    private readonly long started = Stopwatch.GetTimestamp();
    private TimeSpan budget = budget;

    public SqliteConnection Attach(SqliteConnection connection)
    {
        raw.sqlite3_progress_handler(connection.Handle, StepsPerCheck, static state => ((QueryTimeLimit)state).Spent ? 1 : 0, this);
        return connection;
    }

    /// <summary>Pooled connections outlive the request: the handler must not keep calling into it.</summary>
    public static void Detach(SqliteConnection connection)
    {
        if (connection.Handle is { } handle) raw.sqlite3_progress_handler(handle, 0, null, null);
    }

    public void Extend(TimeSpan longer) => budget = longer > budget ? longer : budget;

    public TimeSpan Budget => budget;

    private bool Spent => abandoned.IsCancellationRequested || Stopwatch.GetElapsedTime(started) > budget;

    public static bool Interrupted(Exception e) => e is SqliteException { SqliteErrorCode: SqliteInterrupt };
}

/// <summary>
/// An interrupted query is the service declining an expensive request, not a failure: a 503 problem
/// that says what to do; or, if its client has gone, nothing.
/// </summary>
public sealed class QueryTimeLimitHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!QueryTimeLimit.Interrupted(exception) || http.Response.HasStarted) return false;
        // The client left and its query was stopped for it: there is no one to answer and nothing went
        // wrong. Handled, so nothing is logged (writing the 503 would throw, and both were logged as errors).
        if (http.RequestAborted.IsCancellationRequested) return true;
        var budget = http.RequestServices.GetRequiredService<DatasetSession>().Budget;
        return await Problems.WriteUnavailable(problems, http, exception, retryAfterSeconds: 5, "Query time limit exceeded",
            $"The query needed more than the {budget.TotalSeconds:0.###} s this service gives one request. " +
            "Narrow it (a shorter date range, a region, an actor, fewer search words) or page with a smaller limit.");
    }
}
