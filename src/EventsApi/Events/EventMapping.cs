using EventsApi.Core.Storage;

namespace EventsApi.Events;

/// <summary>The one mapping from a parsed stored event to the wire shape of an event.</summary>
public static class EventMapping
{
    public static EventDto ToDto(this StoredEvent e) => new(
        e.Id, e.Type, e.Subtype, e.Date, e.DateEnd, e.DatePrecision, e.Summary,
        e.Actors.Select(a => new EventActorDto(a.Id, a.Name, a.Kind, a.CountryCode, a.Affiliation, a.Role)).ToList(),
        e.Location is not { } l ? null : new LocationDto(l.Id, l.Name, l.Admin1, l.Admin1Code, l.Country, l.CountryCode, l.Latitude, l.Longitude, l.Precision),
        e.Fatalities, e.Injured,
        e.Quantity is not { } q ? null : new QuantityDto(q.Value, q.Unit),
        e.SourceCount,
        e.Sources.Select(s => new SourceDto(s.DocumentId, s.Title, s.Publisher, s.Url, s.Published, s.Quote, s.Offset, s.Length)).ToList());
}
