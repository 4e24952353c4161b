using System.ComponentModel;
using EventsApi.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;

namespace EventsApi.Events;

public sealed record TimelineBucket(string Period, string Start, string End, string? Group, long Events, long Fatalities);

public sealed record TimelineMeta(string Interval, string? GroupBy, long TotalEvents, string DatasetVersion);

public sealed record Timeline(IReadOnlyList<TimelineBucket> Data, TimelineMeta Meta);

/// <summary>The parameters of /v1/events/timeline: the filters of /v1/events, plus interval and group_by.</summary>
public sealed class TimelineQuery
{
    [FromQuery(Name = "interval"), Description("day, week (ISO, from Monday), month (default) or year; events count in the period of their start date.")]
    public string? Interval { get; init; }

    [FromQuery(Name = "group_by"), Description("Split each period by type, subtype, country, admin1 or actor (an event counts once for each of its actors).")]
    public string? GroupBy { get; init; }

    public static readonly IReadOnlySet<string> Names = EventFilterQuery.Names
        .Concat(["interval", "group_by"])
        .ToHashSet(StringComparer.Ordinal);
}

public static class TimelineEndpoint
{
    internal static Results<Ok<Timeline>, TimelineCsv, ValidationProblem> Timeline(
        [AsParameters] TimelineQuery timeline, [AsParameters] EventFilterQuery filters, HttpContext http, DatasetSession session)
    {
        var (query, errors) = EventQueryParser.Parse(http.Request, TimelineQuery.Names);
        var interval = timeline.Interval ?? "month";
        if (!Core.Storage.EventQueries.Periods.ContainsKey(interval))
            errors["interval"] = [$"'{EventQueryParser.Shorten(interval)}' is not one of: day, week, month, year"];
        if (timeline.GroupBy is not null && !Core.Storage.EventQueries.Groups.ContainsKey(timeline.GroupBy))
            errors["group_by"] = [$"'{EventQueryParser.Shorten(timeline.GroupBy)}' is not one of: type, subtype, country, admin1, actor"];
        if (query is null || errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Invalid query parameters");

        var rows = session.Queries.Timeline(query.Filter, interval, timeline.GroupBy);
        // A period's groups follow one another: its bounds are worked out once.
        (string? Period, string Start, string End) bounds = (null, "", "");
        var buckets = rows.Select(r =>
        {
            if (bounds.Period != r.Period)
            {
                var (start, end) = Bounds(interval, r.Period);
                bounds = (r.Period, start, end);
            }
            return new TimelineBucket(r.Period, bounds.Start, bounds.End, r.Grp, r.Events, r.Fatalities);
        }).ToList();
        var total = timeline.GroupBy == "actor" ? session.Queries.Count(query.Filter) : buckets.Sum(b => b.Events);
        var result = new Timeline(buckets, new TimelineMeta(interval, timeline.GroupBy, total, session.Version));
        return query.Format == ExportFormat.Csv ? new TimelineCsv(result) : TypedResults.Ok(result);
    }

    /// <summary>The first and last day of a period label ("2025-06", "2025", a week's Monday).</summary>
    private static (string Start, string End) Bounds(string interval, string period)
    {
        LocalDate start, end;
        switch (interval)
        {
            case "year":
                start = new LocalDate(int.Parse(period), 1, 1);
                end = start.PlusYears(1).PlusDays(-1);
                break;
            case "month":
                start = new LocalDate(int.Parse(period[..4]), int.Parse(period[5..7]), 1);
                end = start.PlusMonths(1).PlusDays(-1);
                break;
            case "week":
                start = LocalDatePattern.Iso.Parse(period).Value;
                end = start.PlusDays(6);
                break;
            default:
                start = end = LocalDatePattern.Iso.Parse(period).Value;
                break;
        }
        return (LocalDatePattern.Iso.Format(start), LocalDatePattern.Iso.Format(end));
    }
}

/// <summary>The timeline as CSV: period, start, end, group, events, fatalities.</summary>
public sealed class TimelineCsv(Timeline timeline) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = ExportFormats.ContentType(ExportFormat.Csv);
        await using var writer = new StreamWriter(http.Response.Body);
        await writer.WriteAsync("period,start,end,group,events,fatalities\r\n");
        foreach (var b in timeline.Data)
            await writer.WriteAsync($"{b.Period},{b.Start},{b.End},{CsvRows.Quote(b.Group ?? "")},{b.Events},{b.Fatalities}\r\n");
    }
}
