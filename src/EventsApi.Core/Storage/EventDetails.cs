using System.Text.Json;
using System.Text.Json.Serialization;
using EventsApi.Core.Domain;

namespace EventsApi.Core.Storage;

/// <summary>
/// An event's actors and sources (with their documents' titles and the quotes), stored as JSON in
/// the event's own row: a page of events is one read of the rows it shows, not three queries that
/// each seek into other tables. event_actors and event_sources stay, for the filters.
/// The two arrays are stored exactly as the API shows them (snake_case, nulls written), so a page
/// of events copies them into the response without parsing them (see <see cref="Arrays"/>).
/// </summary>
public static class EventDetails
{
    private sealed record Stored(IReadOnlyList<EventActorRow> Actors, IReadOnlyList<EventSourceRow> Sources);

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly byte[] ActorsName = "actors"u8.ToArray();
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
        return JsonSerializer.Serialize(new Stored(actors, sources), Options);
    }

    /// <summary>Where the actors array and the sources array lie in an event's stored JSON (UTF-8).</summary>
    public static (Range Actors, Range Sources) Arrays(ReadOnlySpan<byte> details)
    {
        var reader = new Utf8JsonReader(details);
        Range? actors = null, sources = null;
        reader.Read(); // {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isActors = reader.ValueTextEquals(ActorsName);
            var isSources = !isActors && reader.ValueTextEquals(SourcesName);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var range = start..(int)reader.BytesConsumed;
            if (isActors) actors = range;
            else if (isSources) sources = range;
        }
        return (actors ?? throw new InvalidDataException("stored event details have no actors"),
            sources ?? throw new InvalidDataException("stored event details have no sources"));
    }

    public static StoredEvent Read(EventRow row)
    {
        var stored = JsonSerializer.Deserialize<Stored>(row.Details, Options)
            ?? throw new InvalidDataException($"event {row.Id} has no stored details");
        return new StoredEvent(row, stored.Actors, stored.Sources);
    }
}
