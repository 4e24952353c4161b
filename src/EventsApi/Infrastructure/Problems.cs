using Microsoft.AspNetCore.Http.HttpResults;

namespace EventsApi.Infrastructure;

public static class Problems
{
    public static ProblemHttpResult NotFound(string what, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"{what} not found",
        detail: $"There is no {what.ToLowerInvariant()} with id '{Events.EventQueryParser.Shorten(id)}'.");

    /// <summary>
    /// A 503 problem with Retry-After, written by an exception handler: the service declines for now
    /// (a query past its time budget, a dataset that cannot be read), the request itself was fine.
    /// </summary>
    public static ValueTask<bool> WriteUnavailable(IProblemDetailsService problems, HttpContext http, Exception exception,
        int retryAfterSeconds, string title, string detail)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = title, Detail = detail },
        });
    }
}

/// <summary>Unknown query parameters are errors on every endpoint, named in the problem.</summary>
public static class Strict
{
    public static ValidationProblem NoParameters(IQueryCollection query) => TypedResults.ValidationProblem(
        query.Keys.ToDictionary(k => k, k => new[] { "is not a parameter of this endpoint; it takes none" }),
        title: "Invalid query parameters");

    /// <summary>The errors for parameters outside <paramref name="allowed"/> and for repeated ones.</summary>
    public static Dictionary<string, string[]> Check(IQueryCollection query, IReadOnlyCollection<string> allowed)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var key in query.Keys)
        {
            if (!allowed.Contains(key)) errors[key] = [$"is not a parameter of this endpoint; allowed: {string.Join(", ", allowed)}"];
            else if (query[key].Count > 1) errors[key] = ["is given more than once; it takes a single value"];
            else if (query[key].ToString().Length > 500) errors[key] = ["is longer than 500 characters"];
        }
        return errors;
    }
}
