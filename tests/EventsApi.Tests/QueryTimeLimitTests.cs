using System.Net;
using EventsApi.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace EventsApi.Tests;

/// <summary>A request that would keep SQLite busy past its budget is interrupted and answered with a problem, not left running.</summary>
public class QueryTimeLimitTests
{
    // Every word of the full-text index, through 26 prefixes, in an order no index serves: about 8 ms of
    // SQLite work at 3,000 events on a fast machine. (A sort by fatalities alone was this query until
    // that order got its index: then it took under a millisecond, and the 503 came or not by chance.)
    private static readonly string ExpensiveQuery =
        "/v1/events?sort=source_count&limit=1000&q=" + Uri.EscapeDataString(string.Join(" OR ", "abcdefghijklmnopqrstuvwxyz".Select(c => c + "*")));

    [Fact]
    public async Task AQueryOverItsTimeBudgetIsA503ProblemThatNamesTheLimit()
    {
        using var api = new ApiFactory().WithSyntheticDataset(3000, seed: 9);
        api.Settings["Api:QueryTimeLimitMilliseconds"] = "1";
        var client = api.CreateClient();

        var response = await client.GetAsync(ExpensiveQuery);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter is not null);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("Query time limit exceeded", problem);
        Assert.Contains("0.001 s", problem);
        Assert.Contains("traceId", problem);
    }

    /// <summary>A statement of 200,000 SQLite steps on a connection of its own (the caller disposes both).</summary>
    private static (Microsoft.Data.Sqlite.SqliteConnection Connection, Microsoft.Data.Sqlite.SqliteCommand Count) LongStatement()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        var count = connection.CreateCommand();
        count.CommandText = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000) SELECT count(*) FROM n";
        return (connection, count);
    }

    [Fact]
    public void TheLimitInterruptsAStatementAndADetachedConnectionRunsFreely()
    {
        var (connection, count) = LongStatement();
        using (connection)
        using (count)
        {
            new QueryTimeLimit(TimeSpan.Zero).Attach(connection);
            var interrupted = Assert.ThrowsAny<Exception>(() => count.ExecuteScalar());
            Assert.True(QueryTimeLimit.Interrupted(interrupted), interrupted.ToString());

            // Connections are pooled across requests: once detached, an old request's spent budget must not reach the next one.
            QueryTimeLimit.Detach(connection);
            Assert.Equal(200000L, count.ExecuteScalar());
        }
    }

    /// <summary>What a long statement throws when its request's client has left (<paramref name="left"/> is cancelled).</summary>
    private static Exception RunAfterTheClientLeft(CancellationToken left)
    {
        var (connection, count) = LongStatement();
        using (connection)
        using (count)
        {
            new QueryTimeLimit(TimeSpan.FromHours(1), left).Attach(connection);
            return Assert.ThrowsAny<Exception>(() => count.ExecuteScalar());
        }
    }

    [Fact]
    public void AStatementOfARequestWhoseClientLeftIsInterruptedWhateverItsBudget()
    {
        using var left = new CancellationTokenSource();
        left.Cancel();

        var interrupted = RunAfterTheClientLeft(left.Token);

        Assert.True(QueryTimeLimit.Interrupted(interrupted), interrupted.ToString());
    }

    /// <summary>Stands for the problem writer: a request whose client has gone must not be written to.</summary>
    private sealed class NoProblems : IProblemDetailsService
    {
        public ValueTask WriteAsync(ProblemDetailsContext context) => throw new InvalidOperationException("written to a client that left");
    }

    [Fact]
    public async Task AQueryInterruptedBecauseItsClientLeftIsHandledWithoutAnAnswer()
    {
        using var left = new CancellationTokenSource();
        left.Cancel();
        var interrupted = RunAfterTheClientLeft(left.Token);
        var http = new DefaultHttpContext { RequestAborted = left.Token };

        // Handled (so the exception handler logs nothing), with no status or body set.
        Assert.True(await new QueryTimeLimitHandler(new NoProblems()).TryHandleAsync(http, interrupted, CancellationToken.None));
        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
        Assert.False(http.Response.Headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task WithinTheBudgetTheSameQueryIsAnswered()
    {
        using var api = new ApiFactory().WithSyntheticDataset(3000, seed: 9);
        var client = api.CreateClient();

        var response = await client.GetAsync(ExpensiveQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AStreamedExportGetsTheExportBudgetInstead()
    {
        using var api = new ApiFactory().WithSyntheticDataset(3000, seed: 9);
        api.Settings["Api:QueryTimeLimitMilliseconds"] = "1";
        var client = api.CreateClient();

        var response = await client.GetAsync("/v1/events?sort=fatalities&format=csv&limit=3000");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3000, (await response.Content.ReadAsStringAsync()).Split("\r\n").Count(l => l.StartsWith("ev_", StringComparison.Ordinal)));
    }
}
