using System.Text.Encodings.Web;
using System.Text.Json;
using EventsApi.Core.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EventsApi.Events;

/// <summary>
/// Writes an event in the wire shape of <see cref="EventDto"/> straight from its stored row: the
/// scalar fields from the columns, the actors, location and sources copied from the stored JSON,
/// which holds them in that shape already. A page of events is most of what the API serves, and building DTOs
/// to serialize them, after parsing the stored JSON into rows, was most of its CPU time.
/// EventJsonTests checks the output against the serializer's for every event of a dataset.
/// </summary>
public static class EventJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Subtype = JsonEncodedText.Encode("subtype");
    private static readonly JsonEncodedText Date = JsonEncodedText.Encode("date");
    private static readonly JsonEncodedText DateEnd = JsonEncodedText.Encode("date_end");
    private static readonly JsonEncodedText DatePrecision = JsonEncodedText.Encode("date_precision");
    private static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
    private static readonly JsonEncodedText Actors = JsonEncodedText.Encode("actors");
    private static readonly JsonEncodedText Location = JsonEncodedText.Encode("location");
    private static readonly JsonEncodedText Fatalities = JsonEncodedText.Encode("fatalities");
    private static readonly JsonEncodedText Injured = JsonEncodedText.Encode("injured");
    private static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
    private static readonly JsonEncodedText SourceCount = JsonEncodedText.Encode("source_count");
    private static readonly JsonEncodedText Sources = JsonEncodedText.Encode("sources");

    /// <summary>
    /// A JSON response written straight to the body by <paramref name="write"/>, with a writer that
    /// escapes text as the API's serializer does (and those serializer options, for the small parts).
    /// </summary>
    public static async Task Respond(HttpContext http, Action<Utf8JsonWriter, JsonSerializerOptions> write)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        http.Response.ContentType = "application/json; charset=utf-8";
        await using (var w = new Utf8JsonWriter(http.Response.BodyWriter,
            new JsonWriterOptions { Encoder = options.Encoder ?? JavaScriptEncoder.Default, SkipValidation = true }))
        {
            write(w, options);
        }
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    /// <summary>An event; with <paramref name="fields"/> (sparse fieldsets), only those members and the id.</summary>
    public static void Write(Utf8JsonWriter w, EventRow r, IReadOnlySet<string>? fields = null)
    {
        bool Wanted(string member) => fields is null || fields.Contains(member);
        var stored = r.Details.AsSpan();
        var (actors, location, sources) = EventDetails.Members(stored);

        w.WriteStartObject();
        w.WriteString(Id, r.Id);
        if (Wanted("type")) w.WriteString(Type, r.Type);
        if (Wanted("subtype")) w.WriteString(Subtype, r.Subtype);
        if (Wanted("date")) w.WriteString(Date, r.Date);
        if (Wanted("date_end")) w.WriteString(DateEnd, r.DateEnd);
        if (Wanted("date_precision")) w.WriteString(DatePrecision, r.DatePrecision);
        if (Wanted("summary")) w.WriteString(Summary, r.Summary);
        if (Wanted("actors"))
        {
            w.WritePropertyName(Actors);
            w.WriteRawValue(stored[actors], skipInputValidation: true);
        }
        if (Wanted("location"))
        {
            w.WritePropertyName(Location);
            w.WriteRawValue(stored[location], skipInputValidation: true);
        }
        if (Wanted("fatalities")) WriteNumberOrNull(w, Fatalities, r.Fatalities);
        if (Wanted("injured")) WriteNumberOrNull(w, Injured, r.Injured);
        if (Wanted("quantity"))
        {
            if (r.QuantityValue is { } value)
            {
                w.WriteStartObject(Quantity);
                w.WriteNumber(Value, value);
                w.WriteString(Unit, r.QuantityUnit);
                w.WriteEndObject();
            }
            else w.WriteNull(Quantity);
        }
        if (Wanted("source_count")) w.WriteNumber(SourceCount, r.SourceCount);
        if (Wanted("sources"))
        {
            w.WritePropertyName(Sources);
            w.WriteRawValue(stored[sources], skipInputValidation: true);
        }
        w.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, JsonEncodedText name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
