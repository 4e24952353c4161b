using System.ComponentModel;
using System.Globalization;
using EventsApi.Core.Domain;
using EventsApi.Core.Storage;
using EventsApi.Events;
using EventsApi.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EventsApi.Catalog;

/// <summary>The query of the catalog lists: a name prefix and offset paging (the lists are small).</summary>
public sealed class CatalogQuery
{
    [FromQuery(Name = "q"), Description("Prefix of a name or alias, case- and accent-insensitive (e.g. Pesk, Kharkov).")]
    public string? Q { get; init; }

    [FromQuery(Name = "limit"), Description("Page size, 1 to 1000; default 100.")]
    public string? Limit { get; init; }

    [FromQuery(Name = "offset"), Description("Entries to skip, 0 or more; default 0.")]
    public string? Offset { get; init; }
}

public static class CatalogEndpoints
{
    private static readonly string[] ListParameters = ["q", "limit", "offset"];

    public static RouteGroupBuilder MapCatalog(this RouteGroupBuilder v1)
    {
        v1.MapGet("/event-types", Types).WithTags("Taxonomy").WithName("ListEventTypes")
            .WithSummary("The taxonomy of the codebook: types, sub-types, descriptions and event counts")
            .WithDescription("The values type= and subtype= accept on /v1/events, with what each means in the codebook and how many events the dataset holds of each.");
        var actors = v1.MapGroup("/actors").WithTags("Actors");
        actors.MapGet("/", Actors).WithName("ListActors")
            .WithSummary("Actors with aliases, kind, country, parent and event counts; q= prefix search")
            .WithDescription("Actors form a hierarchy (Peskov -> Kremlin -> Russia): event_count counts the actor's own events, " +
                "event_count_total those of the actor and everything under it, which is what actor= on /v1/events matches.");
        actors.MapGet("/{id}", Actor).WithName("GetActor").WithSummary("One actor")
            .WithDescription("An actor of the dictionary, or one the coder met that the dictionary lacks (known=false).");
        var places = v1.MapGroup("/places").WithTags("Places");
        places.MapGet("/", Places).WithName("ListPlaces")
            .WithSummary("Gazetteer entries that have events (in them or inside them); q= prefix search, level= filter")
            .WithDescription("Places form a hierarchy (settlement -> first-level region -> country -> world region); event_count counts " +
                "the events in the place or inside it, which is what region= on /v1/events matches.");
        places.MapGet("/{id}", Place).WithName("GetPlace").WithSummary("One place")
            .WithDescription("A gazetteer entry with its coordinates, ISO code and parent; places without events are not served.");
        var sources = v1.MapGroup("/sources").WithTags("Sources");
        sources.MapGet("/", Sources).WithName("ListSources").WithSummary("The documents events were coded from")
            .WithDescription("Every imported document with its publisher, URL, publication time and zone, and how many events were coded from it.");
        sources.MapGet("/{id}", Source).WithName("GetSource")
            .WithSummary("One document with the events coded from it")
            .WithDescription("The document's metadata and every event it reports (including events other documents report too).");
        v1.MapGet("/dataset", Dataset).WithTags("Dataset").WithName("GetDataset")
            .WithSummary("Dataset version (content hash), import time, counts, date range, codebook and coder versions")
            .WithDescription("The version is a hash of the dataset's content: it changes when and only when an import changes what is served, " +
                "and it is the ETag base and the X-Dataset-Version header of every response.");
        return v1;
    }

    internal static Results<Ok<EventTypes>, ValidationProblem> Types(HttpContext http, DatasetSession session)
    {
        if (http.Request.Query.Count > 0) return Strict.NoParameters(http.Request.Query);
        var counts = new CatalogQueries(session.Connection).TypeCounts().ToDictionary(c => (c.Type, c.Subtype));
        var types = Taxonomy.Types.Select(t =>
        {
            var subtypes = t.Subtypes.Select(s =>
            {
                var c = counts.GetValueOrDefault((t.Name, s.Name));
                return new SubtypeDto(s.Name, s.Description, c?.Events ?? 0, c?.Fatalities ?? 0);
            }).ToList();
            return new EventTypeDto(t.Name, t.Description, subtypes.Sum(s => s.Events), subtypes);
        }).ToList();
        return TypedResults.Ok(new EventTypes(types, session.Version));
    }

    internal static Results<Ok<CatalogPage<ActorDto>>, ValidationProblem> Actors([AsParameters] CatalogQuery query, HttpContext http, DatasetSession session)
    {
        if (!TryPage(http, ListParameters, out var limit, out var offset, out var errors)) return errors!;
        var catalog = new CatalogQueries(session.Connection);
        var rows = catalog.Actors(query.Q, limit, offset).Select(ToDto).ToList();
        return TypedResults.Ok(new CatalogPage<ActorDto>(rows, new ListMeta(limit, offset, rows.Count, catalog.ActorCount(query.Q), session.Version)));
    }

    internal static Results<Ok<ActorDto>, ProblemHttpResult, ValidationProblem> Actor(string id, HttpContext http, DatasetSession session)
    {
        if (http.Request.Query.Count > 0) return Strict.NoParameters(http.Request.Query);
        var row = new CatalogQueries(session.Connection).Actor(id);
        return row is null ? Problems.NotFound("Actor", id) : TypedResults.Ok(ToDto(row));
    }

    internal static Results<Ok<CatalogPage<PlaceDto>>, ValidationProblem> Places(
        [AsParameters] CatalogQuery query, [FromQuery(Name = "level"), Description("settlement, admin1, country or world_region.")] string? level,
        HttpContext http, DatasetSession session)
    {
        if (!TryPage(http, [.. ListParameters, "level"], out var limit, out var offset, out var errors)) return errors!;
        if (level is not null && !WireNames.TryParseWire<PlaceLevel>(level, out _))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["level"] = [$"'{EventQueryParser.Shorten(level)}' is not one of: {string.Join(", ", WireNames.AllWire<PlaceLevel>())}"] }, title: "Invalid query parameters");
        var catalog = new CatalogQueries(session.Connection);
        var rows = catalog.Places(query.Q, level, limit, offset).Select(ToDto).ToList();
        return TypedResults.Ok(new CatalogPage<PlaceDto>(rows, new ListMeta(limit, offset, rows.Count, catalog.PlaceCount(query.Q, level), session.Version)));
    }

    internal static Results<Ok<PlaceDto>, ProblemHttpResult, ValidationProblem> Place(string id, HttpContext http, DatasetSession session)
    {
        if (http.Request.Query.Count > 0) return Strict.NoParameters(http.Request.Query);
        var row = new CatalogQueries(session.Connection).Place(id);
        return row is null || row.EventCount == 0 ? Problems.NotFound("Place", id) : TypedResults.Ok(ToDto(row));
    }

    internal static Results<Ok<CatalogPage<SourceDocumentDto>>, ValidationProblem> Sources(
        [FromQuery(Name = "limit"), Description("Page size, 1 to 1000; default 100.")] string? limit,
        [FromQuery(Name = "offset"), Description("Entries to skip; default 0.")] string? offset,
        HttpContext http, DatasetSession session)
    {
        if (!TryPage(http, ["limit", "offset"], out var pageLimit, out var pageOffset, out var errors)) return errors!;
        var catalog = new CatalogQueries(session.Connection);
        var rows = catalog.Documents(pageLimit, pageOffset).Select(ToDto).ToList();
        return TypedResults.Ok(new CatalogPage<SourceDocumentDto>(rows, new ListMeta(pageLimit, pageOffset, rows.Count, catalog.DocumentCount(), session.Version)));
    }

    internal static Results<Ok<SourceWithEvents>, ProblemHttpResult, ValidationProblem> Source(string id, HttpContext http, DatasetSession session)
    {
        if (http.Request.Query.Count > 0) return Strict.NoParameters(http.Request.Query);
        var row = new CatalogQueries(session.Connection).Document(id);
        if (row is null) return Problems.NotFound("Source", id);
        var events = session.Queries.Stream(new EventFilter { Sources = [id] }, EventSort.Default, null, int.MaxValue).Select(EventDetails.Read).Select(e => e.ToDto()).ToList();
        return TypedResults.Ok(new SourceWithEvents(ToDto(row), events));
    }

    internal static Results<Ok<DatasetInfo>, ValidationProblem> Dataset(HttpContext http, DatasetSession session)
    {
        if (http.Request.Query.Count > 0) return Strict.NoParameters(http.Request.Query);
        var catalog = new CatalogQueries(session.Connection);
        var metadata = session.Queries.Metadata();
        var summary = catalog.Summary();
        var byType = catalog.TypeCounts().GroupBy(t => t.Type).ToDictionary(g => g.Key, g => g.Sum(t => t.Events));
        return TypedResults.Ok(new DatasetInfo(session.Version, metadata.GetValueOrDefault("imported_at"),
            new DatasetCounts(summary.Events, summary.Documents, summary.Actors, summary.Places), summary.FirstDate, summary.LastDate,
            metadata.GetValueOrDefault("codebook_version"), metadata.GetValueOrDefault("coder_version"), byType));
    }

    private static bool TryPage(HttpContext http, string[] allowed, out int limit, out int offset, out ValidationProblem? problem)
    {
        var query = http.Request.Query;
        var errors = Strict.Check(query, allowed);
        limit = 100;
        offset = 0;
        if (query.TryGetValue("limit", out var l) && !errors.ContainsKey("limit")
            && !(int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= 1000))
            errors["limit"] = [$"'{EventQueryParser.Shorten(l.ToString())}' is not a whole number from 1 to 1000"];
        if (query.TryGetValue("offset", out var o) && !errors.ContainsKey("offset")
            && !(int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out offset) && offset >= 0))
            errors["offset"] = [$"'{EventQueryParser.Shorten(o.ToString())}' is not a whole number, 0 or more"];
        if (query.TryGetValue("q", out var q) && !errors.ContainsKey("q") && string.IsNullOrWhiteSpace(q))
            errors["q"] = ["is empty"];
        problem = errors.Count > 0 ? TypedResults.ValidationProblem(errors, title: "Invalid query parameters") : null;
        return problem is null;
    }

    private static IReadOnlyList<string> Split(string? aliases) => aliases is null ? [] : aliases.Split('\u001f').Distinct().Order(StringComparer.Ordinal).ToList();

    private static ActorDto ToDto(ActorRow a) => new(a.Id, a.Name, Split(a.Aliases), a.Kind, a.CountryCode, a.ParentId, a.Affiliation,
        a.Office, a.Known, a.EventCount, a.EventCountTotal);

    private static PlaceDto ToDto(PlaceRow p) => new(p.Id, p.Name, Split(p.Aliases), p.Level, p.Admin1Name, p.CountryName, p.CountryCode.Length == 0 ? null : p.CountryCode,
        p.IsoCode, p.Latitude, p.Longitude, p.ParentId, p.EventCount);

    private static SourceDocumentDto ToDto(DocumentRow d) => new(d.Id, d.Title, d.Publisher, d.Url, d.Published, d.Timezone, d.Language, d.EventCount);
}
