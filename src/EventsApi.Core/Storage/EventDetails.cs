using System.Text.Json;
using System.Text.Json.Serialization;
using EventsApi.Core.Domain;

namespace EventsApi.Core.Storage;

/// <summary>
/// An event's actors, location (with the names of its region and country) and sources (with their
/// documents' titles and the quotes), stored as JSON in the event's own row: a page of events is
/// one read of the rows it shows, not lookups in other tables for each. event_actors,
/// event_sources and the place columns stay, for the filters.
/// The three members are stored exactly as the API shows them (snake_case, nulls written), so a
/// page of events copies them into the response without parsing them (see <see cref="Members"/>).
/// </summary>
public static class EventDetails
{
    private sealed record Stored(IReadOnlyList<EventActorRow> Actors, EventLocationRow? Location, IReadOnlyList<EventSourceRow> Sources);

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly byte[] ActorsName = "actors"u8.ToArray();
    private static readonly byte[] LocationName = "location"u8.ToArray();
    private static readonly byte[] SourcesName = "sources"u8.ToArray();

    /// <summary>
    /// The JSON of one event: actors in their coded order; sources once per (document, offset), by
    /// the document's publication date, then document and offset (the order the API promises).
    /// </summary>
    public static string Write(CodedEvent e, IReadOnlyDictionary<string, SourceDocument> documents, Func<Actor, IEnumerable<Actor>> chainOf)
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
        return JsonSerializer.Serialize(new Stored(actors, location, sources), Options);
    }

    /// <summary>
    /// Where the actors, the location and the sources lie in an event's stored JSON (UTF-8). The
    /// sources, with their quotes, are most of it and are stored last (<see cref="Stored"/>'s order):
    /// their value runs to the closing brace, so it is not read through token by token.
    /// </summary>
    public static (Range Actors, Range Location, Range Sources) Members(ReadOnlySpan<byte> details)
    {
        var reader = new Utf8JsonReader(details);
        Range? actors = null, location = null, sources = null;
        reader.Read(); // {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isActors = reader.ValueTextEquals(ActorsName);
            var isLocation = reader.ValueTextEquals(LocationName);
            var isSources = reader.ValueTextEquals(SourcesName);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if (isSources && details.TrimEnd(" \t\r\n"u8) is [.., (byte)']', (byte)'}'] trimmed)
            {
                sources = start..(trimmed.Length - 1);
                break;
            }
            reader.Skip();
            var value = start..(int)reader.BytesConsumed;
            if (isActors) actors = value;
            else if (isLocation) location = value;
            else if (isSources) sources = value;
        }
        return (actors ?? throw Missing("actors"), location ?? throw Missing("location"), sources ?? throw Missing("sources"));
    }

    private static InvalidDataException Missing(string member) => new($"stored event details have no {member}");

    public static StoredEvent Read(EventRow row)
    {
        var stored = JsonSerializer.Deserialize<Stored>(row.Details.AsSpan(), Options)
            ?? throw new InvalidDataException($"event {row.Id} has no stored details");
        return new StoredEvent(row, stored.Actors, stored.Location, stored.Sources);
    }
}
