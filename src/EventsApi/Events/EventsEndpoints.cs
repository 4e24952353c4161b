using EventsApi.Core.Storage;
using EventsApi.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EventsApi.Events;

public static class EventsEndpoints
{
    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder v1)
    {
        var events = v1.MapGroup("/events").WithTags("Events");
        events.MapGet("/", List)
            .WithName("ListEvents")
            .WithSummary("A page of events matching the filters")
            .WithDescription("Filters combine with AND; a repeated parameter means OR. Pages are keyset-paginated: follow links.next (also in the Link header).")
            .Produces<EventPage>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem();
        events.MapGet("/{id}", One)
            .WithName("GetEvent")
            .WithSummary("One event with its actors, place and every source quote")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    internal static Results<Ok<EventPage>, ValidationProblem> List([AsParameters] EventListQuery parameters, HttpContext http, DatasetSession session)
    {
        var (query, errors) = EventQueryParser.Parse(http.Request.Query, EventListQuery.Names);
        if (query is null) return TypedResults.ValidationProblem(errors, title: "Invalid query parameters");

        var digest = Cursor.QueryDigest(http.Request.Query);
        IReadOnlyList<object>? after = null;
        if (query.Cursor is not null)
        {
            after = Cursor.Decode(query.Cursor, digest, session.Version);
            if (after is null || after.Count != query.Sort.WithTieBreaker.Count)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["cursor"] = ["is not a cursor this query issued for this dataset version (it was changed, truncated, or the other parameters or the dataset differ)"],
                }, title: "Invalid query parameters");
        }

        var queries = session.Queries;
        var rows = queries.Page(query.Filter, query.Sort, after, query.Limit + 1);
        var hasMore = rows.Count > query.Limit;
        var page = rows.Take(query.Limit).ToList();
        string? next = null;
        if (hasMore)
        {
            var cursor = Cursor.Encode(EventQueries.SortValues(page[^1].Row, query.Sort), digest, session.Version);
            next = Links.WithParameter(http.Request, "cursor", cursor);
            http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }
        var total = queries.Count(query.Filter);
        return TypedResults.Ok(new EventPage(
            page.Select(e => e.ToDto()).ToList(),
            new PageMeta(query.Limit, page.Count, total, session.Version),
            new PageLinks(Links.Self(http.Request), next)));
    }

    internal static Results<Ok<EventDto>, ProblemHttpResult> One(string id, DatasetSession session)
    {
        var stored = id.Length <= 64 ? session.Queries.ById(id) : null;
        return stored is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Event not found", detail: $"There is no event with id '{EventQueryParser.Shorten(id)}'.")
            : TypedResults.Ok(stored.ToDto());
    }
}
