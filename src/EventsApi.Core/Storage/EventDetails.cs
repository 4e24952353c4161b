using System.Text.Json;
using System.Text.Json.Serialization;
using EventsApi.Core.Domain;

namespace EventsApi.Core.Storage;

/// <summary>
/// An event's actors and sources (with their documents' titles and the quotes), stored as JSON in
/// the event's own row: a page of events is one read of the rows it shows, not three queries that
/// each seek into other tables. event_actors and event_sources stay, for the filters.
/// </summary>
public static class EventDetails
{
    private sealed record Stored(IReadOnlyList<EventActorRow> Actors, IReadOnlyList<EventSourceRow> Sources);

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Compact: nulls and zeros are left out and read back as such.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

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
        return JsonSerializer.Serialize(new Stored(actors, sources), Options);
    }

    public static StoredEvent Read(EventRow row)
    {
        var stored = JsonSerializer.Deserialize<Stored>(row.Details, Options)
            ?? throw new InvalidDataException($"event {row.Id} has no stored details");
        return new StoredEvent(row, stored.Actors, stored.Sources);
    }
}
