using EventsApi.Core.Storage;

namespace EventsApi.Events;

/// <summary>The one mapping from stored rows to the wire shape of an event.</summary>
public static class EventMapping
{
    public static EventDto ToDto(this StoredEvent e)
    {
        var r = e.Row;
        return new EventDto(
            r.Id, r.Type, r.Subtype, r.Date, r.DateEnd, r.DatePrecision, r.Summary,
            e.Actors.Select(a => new EventActorDto(a.Id, a.Name, a.Kind, a.CountryCode, a.Affiliation, a.Role)).ToList(),
            e.Location is not { } l ? null : new LocationDto(l.Id, l.Name, l.Admin1, l.Admin1Code, l.Country, l.CountryCode, l.Latitude, l.Longitude, l.Precision),
            r.Fatalities, r.Injured,
            r.QuantityValue is null ? null : new QuantityDto(r.QuantityValue.Value, r.QuantityUnit!),
            r.SourceCount,
            e.Sources.Select(s => new SourceDto(s.DocumentId, s.Title, s.Publisher, s.Url, s.Published, s.Quote, s.Offset, s.Length)).ToList());
    }
}
