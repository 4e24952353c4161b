using System.Reflection;
using System.Text.Json;
using EventsApi.Core.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace EventsApi.Events;

/// <summary>A JSON page of events (<see cref="EventPage"/>), written by <see cref="EventJson"/> without DTOs.</summary>
public sealed class EventPageJson(IReadOnlyList<EventRow> rows, PageMeta meta, PageLinks links) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var options = Serializer(http);
        http.Response.ContentType = "application/json; charset=utf-8";
        await using (var w = EventJson.Writer(http.Response.BodyWriter, options))
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var row in rows) EventJson.Write(w, row);
            w.WriteEndArray();
            w.WritePropertyName("meta");
            JsonSerializer.Serialize(w, meta, options);
            w.WritePropertyName("links");
            JsonSerializer.Serialize(w, links, options);
            w.WriteEndObject();
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    internal static JsonSerializerOptions Serializer(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(EventPage), ["application/json"]));
}

/// <summary>One event (<see cref="EventDto"/>), written by <see cref="EventJson"/>.</summary>
public sealed class EventJsonResult(EventRow row) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await using (var w = EventJson.Writer(http.Response.BodyWriter, EventPageJson.Serializer(http))) EventJson.Write(w, row);
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(EventDto), ["application/json"]));
}
