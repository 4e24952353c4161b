using EventsApi.Core.Storage;
using EventsApi.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EventsApi.Events;

public static class EventsEndpoints
{
    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder v1)
    {
        var events = v1.MapGroup("/events").WithTags("Events");
        events.MapGet("/", List)
            .WithName("ListEvents")
            .WithSummary("A page of events matching the filters, as JSON, CSV, GeoJSON or NDJSON")
            .WithDescription("Filters combine with AND; a repeated parameter means OR. Pages are keyset-paginated: follow links.next " +
                "(also in the RFC 8288 Link header, so CSV and NDJSON pages can be followed). JSON pages hold up to 1000 events; " +
                "the streamed formats up to Api:MaxExportLimit (default 1,000,000).")
            .Produces<EventPage>(StatusCodes.Status200OK, "application/json")
            .WithMetadata(new StreamedFormats("text/csv", "application/geo+json", "application/x-ndjson"))
            .Produces(StatusCodes.Status304NotModified);
        events.MapGet("/timeline", TimelineEndpoint.Timeline)
            .WithName("EventTimeline")
            .WithSummary("Counts of matching events (and their fatalities) per day, week, month or year, optionally per group")
            .WithDescription("Takes every filter of /v1/events. An event counts in the period of its start date; with group_by=actor " +
                "an event counts once for each of its actors. Periods without events are left out. format=csv gives the same rows as CSV.")
            .Produces<Timeline>(StatusCodes.Status200OK, "application/json")
            .WithMetadata(new StreamedFormats("text/csv"));
        events.MapGet("/{id}", One)
            .WithName("GetEvent")
            .WithSummary("One event with its actors, place and every source quote")
            .WithDescription("Ids are derived from the event's content and stay the same when the same documents are imported again, " +
                "and when a later document reports the same event (it is added to the sources).");
        return v1;
    }

    internal static Results<EventPageJson, EventExport, ValidationProblem> List(
        [AsParameters] EventListQuery parameters, HttpContext http, DatasetSession session, IOptions<ApiOptions> options)
    {
        var (query, errors) = EventQueryParser.Parse(http.Request, EventListQuery.Names, options.Value.MaxExportLimit);
        if (query is null) return TypedResults.ValidationProblem(errors, title: "Invalid query parameters");

        var digest = Cursor.QueryDigest(http.Request.Query);
        IReadOnlyList<object>? after = null;
        long? counted = null;
        if (query.Cursor is not null)
        {
            var decoded = Cursor.Decode(query.Cursor, digest, session.Version);
            after = decoded?.Values;
            counted = decoded?.Total;
            if (after is null || after.Count != query.Sort.WithTieBreaker.Count)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["cursor"] = ["is not a cursor this query issued for this dataset version (it was changed, truncated, or the other parameters or the dataset differ)"],
                }, title: "Invalid query parameters");
        }

        if (query.Format != ExportFormat.Json) session.AllowExport();
        var queries = session.Queries;
        // The first page counts; later pages carry that count in their signed cursor (same query, same dataset).
        var total = counted ?? queries.Count(query.Filter);
        if (query.Format != ExportFormat.Json && query.Limit > EventQueryParser.MaxLimit)
        {
            // Streamed: find where the page ends first, so the Link header can precede the body.
            var (last, hasMore) = queries.PageEnd(query.Filter, query.Sort, after, query.Limit);
            var nextLink = hasMore ? NextLink(http, last!, total, digest, session.Version) : null;
            var rows = queries.Stream(query.Filter, query.Sort, after, query.Limit);
            var returned = (int)Math.Min(query.Limit, total);
            return new EventExport(query.Format, rows, query.Fields, new PageMeta(query.Limit, returned, total, session.Version), new PageLinks(Links.Self(http.Request), nextLink));
        }

        var page = queries.Page(query.Filter, query.Sort, after, query.Limit + 1);
        var hasNext = page.Count > query.Limit;
        var shown = page.Take(query.Limit).ToList();
        var next = hasNext ? NextLink(http, EventQueries.SortValues(shown[^1], query.Sort), total, digest, session.Version) : null;
        var meta = new PageMeta(query.Limit, shown.Count, total, session.Version);
        var links = new PageLinks(Links.Self(http.Request), next);
        // A page of another format, no longer than a JSON page, is chosen as one is (from the criteria's
        // sets where they answer): streamed from SQL, a page of a filter no index leads (a precision, a
        // country with a type in a range) read and tested event after event, 0.1-0.6 s at 1M. GeoJSON
        // finds each row's coordinates in its stored JSON (EventRow).
        if (query.Format != ExportFormat.Json) return new EventExport(query.Format, shown, query.Fields, meta, links);
        return new EventPageJson(shown, meta, links, query.Fields);
    }

    private static string NextLink(HttpContext http, IReadOnlyList<object> last, long total, string digest, string version)
    {
        var next = Links.WithParameter(http.Request, "cursor", Cursor.Encode(last, total, digest, version));
        http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        return next;
    }

    internal static Results<EventJsonResult, ProblemHttpResult, ValidationProblem> One(string id, HttpContext http, DatasetSession session)
    {
        if (http.Request.Query.Count > 0) return Strict.NoParameters(http.Request.Query);
        var stored = id.Length <= 64 ? session.Queries.ById(id) : null;
        return stored is null
            ? Problems.NotFound("Event", id)
            : new EventJsonResult(stored);
    }
}
