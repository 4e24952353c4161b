using System.Reflection;
using System.Text.Json;
using EventsApi.Core.Storage;
using Microsoft.AspNetCore.Http.Metadata;

namespace EventsApi.Events;

/// <summary>A JSON page of events (<see cref="EventPage"/>), written by <see cref="EventJson"/> without DTOs; with fields, only those members.</summary>
public sealed class EventPageJson(IReadOnlyList<EventRow> rows, PageMeta meta, PageLinks links, IReadOnlySet<string>? fields = null) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext http) => EventJson.Respond(http, (w, options) =>
    {
        w.WriteStartObject();
        w.WriteStartArray("data");
        foreach (var row in rows) EventJson.Write(w, row, fields);
        w.WriteEndArray();
        w.WritePropertyName("meta");
        JsonSerializer.Serialize(w, meta, options);
        w.WritePropertyName("links");
        JsonSerializer.Serialize(w, links, options);
        w.WriteEndObject();
    }, headersFirst: true);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(EventPage), ["application/json"]));
}

/// <summary>One event (<see cref="EventDto"/>), written by <see cref="EventJson"/>.</summary>
public sealed class EventJsonResult(EventRow row) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext http) => EventJson.Respond(http, (w, _) => EventJson.Write(w, row));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(EventDto), ["application/json"]));
}
