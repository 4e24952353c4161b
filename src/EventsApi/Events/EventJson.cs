using System.Text.Encodings.Web;
using System.Text.Json;
using EventsApi.Core.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventsApi.Events;

/// <summary>
/// Writes events in the wire shape of <see cref="EventDto"/> straight from their stored JSON, which
/// holds them in that shape already. A page of events is most of what the API serves; building DTOs
/// to serialize them, after parsing the stored JSON into rows, was most of its CPU time, and reading
/// the columns to write them again most of what was left. EventJsonTests checks the output against
/// the serializer's (from the columns) for every event of a dataset.
/// </summary>
public static class EventJson
{
    private static readonly JsonEncodedText[] MemberNames = [.. EventDetails.MemberNames.Select(n => JsonEncodedText.Encode(n))];

    /// <summary>
    /// A JSON response written straight to the body by <paramref name="write"/>, with a writer that
    /// escapes text as the API's serializer does (and those serializer options, for the small parts).
    /// With <paramref name="headersFirst"/> (a page: about 150 KB) the headers are written before the
    /// body, which then goes straight to the connection's buffers: written before them, Kestrel holds
    /// the body back and copies it after the headers, 3-7% of a box page's CPU at 1M. A small body
    /// (one event) is the other way 2% cheaper.
    /// </summary>
    public static async Task Respond(HttpContext http, Action<Utf8JsonWriter, JsonSerializerOptions> write, bool headersFirst = false)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        if (headersFirst) await http.Response.StartAsync(http.RequestAborted);
        await using (var w = new Utf8JsonWriter(http.Response.BodyWriter, WriterOptions(http)))
        {
            write(w, SerializerOptions(http));
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    /// <summary>A writer's options for JSON written without the serializer: text escaped as the API's serializer escapes it.</summary>
    public static JsonWriterOptions WriterOptions(HttpContext http) =>
        new() { Encoder = SerializerOptions(http).Encoder ?? JavaScriptEncoder.Default, SkipValidation = true };

    private static JsonSerializerOptions SerializerOptions(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    /// <summary>
    /// An event, copied from its stored JSON (<see cref="EventDetails"/>), which is in the wire shape;
    /// with <paramref name="fields"/> (sparse fieldsets), only those members and the id.
    /// </summary>
    public static void Write(Utf8JsonWriter w, EventRow r, IReadOnlySet<string>? fields = null)
    {
        var stored = r.Details.Span;
        if (fields is null)
        {
            w.WriteRawValue(stored, skipInputValidation: true);
            return;
        }
        Span<Range> values = stackalloc Range[MemberNames.Length];
        EventDetails.Locate(stored, values);
        w.WriteStartObject();
        for (var i = 0; i < MemberNames.Length; i++)
        {
            if (i > 0 && !fields.Contains(EventDetails.MemberNames[i])) continue;
            w.WritePropertyName(MemberNames[i]);
            w.WriteRawValue(stored[values[i]], skipInputValidation: true);
        }
        w.WriteEndObject();
    }
}
