using EventsApi.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventsApi.Health;

public sealed record HealthReport(string Status, bool DatabaseReachable, bool DatasetLoaded, string? DatasetVersion, long Events);

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Check)
            .AnswerHead()
            .WithTags("Health")
            .WithName("Health")
            .WithSummary("Liveness and readiness: the database is reachable and a dataset is loaded")
            .WithDescription("200 with status=healthy when the served database answers; 503 with status=unhealthy otherwise. Never cached.");
        return app;
    }

    internal static Results<Ok<HealthReport>, JsonHttpResult<HealthReport>> Check(DatasetSession session, DatasetSource source, HttpContext http)
    {
        // Read before this request's own statements: bench/run.sh takes the difference around a run.
        if (source.ProfilesSql)
        {
            var (milliseconds, statements) = Core.Storage.SqliteTime.Total;
            http.Response.Headers["X-Sqlite-Time"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{milliseconds:F3} ms; {statements} statements");
            var (hits, misses) = Core.Storage.DetailCache.Counts;
            http.Response.Headers["X-Detail-Cache"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hits} hits; {misses} misses");
        }
        try
        {
            var metadata = session.Queries.Metadata();
            var count = long.Parse(metadata.GetValueOrDefault("event_count", "0"), System.Globalization.CultureInfo.InvariantCulture);
            http.Response.Headers[DatasetHeaders.VersionHeader] = session.Version;
            return TypedResults.Ok(new HealthReport("healthy", true, metadata.ContainsKey("version"), metadata.GetValueOrDefault("version"), count));
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException or DatasetUnavailableException)
        {
            return TypedResults.Json(new HealthReport("unhealthy", false, false, null, 0), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
