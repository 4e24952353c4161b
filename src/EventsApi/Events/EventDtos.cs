namespace EventsApi.Events;

// The wire shapes of ../shared/API.md. Property names become snake_case through the JSON options.

public sealed record EventDto(
    string Id,
    string Type,
    string Subtype,
    string Date,
    string DateEnd,
    string DatePrecision,
    string Summary,
    IReadOnlyList<EventActorDto> Actors,
    LocationDto? Location,
    int? Fatalities,
    int? Injured,
    QuantityDto? Quantity,
    int SourceCount,
    IReadOnlyList<SourceDto> Sources);

public sealed record EventActorDto(string Id, string Name, string Kind, string? Country, string? Affiliation, string Role);

public sealed record LocationDto(
    string Id,
    string Name,
    string? Admin1,
    string? Admin1Code,
    string? Country,
    string? CountryCode,
    double? Latitude,
    double? Longitude,
    string Precision);

public sealed record QuantityDto(long Value, string Unit);

public sealed record SourceDto(string DocumentId, string Title, string? Publisher, string? Url, string Published, string Quote, int Offset, int Length);

public sealed record PageMeta(int Limit, int Returned, long Total, string DatasetVersion);

public sealed record PageLinks(string Self, string? Next);

public sealed record EventPage(IReadOnlyList<EventDto> Data, PageMeta Meta, PageLinks Links);
