using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using EventsApi.Core.Domain;

namespace EventsApi.Core.Storage;

/// <summary>
/// Each event is stored whole in its row as the JSON the API serves (snake_case, nulls written, members
/// in the wire order): its actors, location (with the names of its region and country) and sources
/// (with their documents' titles and the quotes) as well as the fields the columns hold. A JSON page
/// or one event by id is then a copy of stored bytes, not lookups in other tables nor columns read and
/// written again; a CSV row is flattened from them too. The columns stay, for the filters and sorts;
/// event_actors and event_sources stay, for the filters.
/// </summary>
public static class EventDetails
{
    /// <summary>The API's serializer options (ASP.NET Core's, with snake_case names): the stored bytes are the served bytes.</summary>
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(), // the serializer's default, named so MemberNames can ask it
    };

    /// <summary>
    /// The stored event's writing code from the source generator (<see cref="StoredEventJson"/>, the same
    /// names as <see cref="Options"/>), run on a writer with the API's escaping: the serializer runs
    /// generated code only for options without an encoder of their own. By reflection, the JSON took an
    /// eighth of a 1M-event load's CPU.
    /// </summary>
    private static readonly Action<Utf8JsonWriter, StoredEvent> WriteStored = StoredEventJson.Default.StoredEvent.SerializeHandler
        ?? throw new InvalidOperationException("the source generator made no writer for StoredEvent");

    /// <summary>Each thread's buffer and writer for <see cref="Write"/>, reused from event to event.</summary>
    [ThreadStatic] private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? writing;

    /// <summary>The members of a stored event, in the order they are stored and served: <see cref="StoredEvent"/>'s, as the serializer names them.</summary>
    public static readonly IReadOnlyList<string> MemberNames = [.. Options.GetTypeInfo(typeof(StoredEvent)).Properties.Select(p => p.Name)];

    private static readonly byte[][] MemberNamesUtf8 = [.. MemberNames.Select(System.Text.Encoding.UTF8.GetBytes)];

    private static readonly int SourcesMember = MemberNames.Count - 1;

    private static readonly int IdMember = Member("id"), DateMember = Member("date"),
        FatalitiesMember = Member("fatalities"), SourceCountMember = Member("source_count"), LocationMember = Member("location");

    private static int Member(string name) =>
        MemberNames.ToList().IndexOf(name) is var i and >= 0 ? i : throw new InvalidOperationException($"a stored event has no member {name}");

    /// <summary>
    /// The JSON of one event: actors in their coded order; sources once per (document, offset), by
    /// the document's publication date, then document and offset (the order the API promises).
    /// </summary>
    public static byte[] Write(CodedEvent e, IReadOnlyDictionary<string, SourceDocument> documents, Func<Actor, IEnumerable<Actor>> chainOf)
    {
        var actors = e.Actors.Select(a => new EventActorRow
        {
            Id = a.Actor.Id, Name = a.Actor.Name, Kind = a.Actor.Kind.ToWire(), CountryCode = a.Actor.CountryCode,
            Affiliation = chainOf(a.Actor).Last().Name, Role = a.Role.ToWire(),
        }).ToList();
        var sources = e.Sources.DistinctBy(s => (s.DocumentId, s.Offset))
            .Select(s => (Source: s, Document: documents[s.DocumentId]))
            .OrderBy(s => s.Document.Published).ThenBy(s => s.Source.DocumentId, StringComparer.Ordinal).ThenBy(s => s.Source.Offset)
            .Select(s => new EventSourceRow
            {
                DocumentId = s.Source.DocumentId, Title = s.Document.Title, Publisher = s.Document.Publisher, Url = s.Document.Url,
                Published = NodaTime.Text.LocalDatePattern.Iso.Format(s.Document.Published), Quote = s.Source.Quote,
                Offset = s.Source.Offset, Length = s.Source.Length,
            }).ToList();
        var location = e.Place is not { } p ? null : new EventLocationRow
        {
            Id = p.Place.Id, Name = p.Place.Name, Admin1 = p.Admin1?.Name, Admin1Code = p.Admin1?.IsoCode, Country = p.Country?.Name,
            CountryCode = p.Country?.Id, Latitude = p.Place.Latitude, Longitude = p.Place.Longitude, Precision = p.Precision.ToWire(),
        };
        var (buffer, writer) = writing ??= NewWriter();
        buffer.ResetWrittenCount();
        writer.Reset();
        WriteStored(writer, new StoredEvent(
            e.Id, e.Type, e.Subtype, e.Date.StartIso, e.Date.EndIso, e.Date.Precision.ToWire(), e.Summary, actors, location,
            e.Fatalities, e.Injured, e.Quantity, SourceCount(e), sources));
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewWriter()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        return (buffer, new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder }));
    }

    /// <summary>How many documents report an event (the source_count column and member).</summary>
    public static int SourceCount(CodedEvent e) => e.Sources.Select(s => s.DocumentId).Distinct().Count();

    /// <summary>
    /// Where each member's value lies in a stored event (UTF-8), by its position in <see cref="MemberNames"/>:
    /// for sparse fieldsets, which copy some of them. The sources, with their quotes, are most of an
    /// event and are stored last: their value runs to the closing brace, so it is not read token by token.
    /// </summary>
    public static void Locate(ReadOnlySpan<byte> details, Span<Range> values)
    {
        var reader = new Utf8JsonReader(details);
        Span<bool> found = stackalloc bool[MemberNames.Count];
        reader.Read(); // {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = MemberAt(ref reader);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if (member == SourcesMember && details.TrimEnd(" \t\r\n"u8) is [.., (byte)']', (byte)'}'] trimmed)
            {
                values[member] = start..(trimmed.Length - 1);
                found[member] = true;
                break;
            }
            reader.Skip();
            if (member < 0) continue;
            values[member] = start..(int)reader.BytesConsumed;
            found[member] = true;
        }
        if (found.IndexOf(false) is var missing and >= 0)
            throw new InvalidDataException($"a stored event has no {MemberNames[missing]}");
    }

    /// <summary>The values a cursor keeps, read from a stored event.</summary>
    public static SortKeys Keys(ReadOnlySpan<byte> details)
    {
        Span<Range> values = stackalloc Range[MemberNames.Count];
        Locate(details, values);
        return new SortKeys(Text(details[values[IdMember]]), Text(details[values[DateMember]]),
            Number(details[values[FatalitiesMember]]), Number(details[values[SourceCountMember]]) ?? 0);
    }

    /// <summary>The coordinates of a stored event's location (null without a location or without coordinates).</summary>
    public static (double? Latitude, double? Longitude) Coordinates(ReadOnlySpan<byte> details)
    {
        Span<Range> values = stackalloc Range[MemberNames.Count];
        Locate(details, values);
        var reader = new Utf8JsonReader(details[values[LocationMember]]);
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return (null, null);
        double? latitude = null, longitude = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = reader.ValueTextEquals("latitude"u8) ? 1 : reader.ValueTextEquals("longitude"u8) ? 2 : 0;
            reader.Read();
            if (member == 0 || reader.TokenType == JsonTokenType.Null) reader.Skip();
            else if (member == 1) latitude = reader.GetDouble();
            else longitude = reader.GetDouble();
        }
        return (latitude, longitude);
    }

    private static string Text(ReadOnlySpan<byte> value)
    {
        var reader = new Utf8JsonReader(value);
        reader.Read();
        return reader.GetString() ?? throw new InvalidDataException("a stored event's id or date is null");
    }

    private static int? Number(ReadOnlySpan<byte> value)
    {
        var reader = new Utf8JsonReader(value);
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32();
    }

    private static int MemberAt(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < MemberNamesUtf8.Length; i++)
            if (reader.ValueTextEquals(MemberNamesUtf8[i])) return i;
        return -1;
    }

    /// <summary>The whole event, parsed (for the catalog's source pages and the evaluator).</summary>
    public static StoredEvent Read(EventRow row) =>
        JsonSerializer.Deserialize<StoredEvent>(row.Details.Span, Options) ?? throw new InvalidDataException($"event {row.Id} has no stored details");
}

/// <summary>The stored event's writing code, made at compile time (EventDetails.WriteStored): the naming of EventDetails.Options.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StoredEvent))]
internal sealed partial class StoredEventJson : JsonSerializerContext;
