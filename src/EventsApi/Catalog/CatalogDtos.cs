namespace EventsApi.Catalog;

public sealed record SubtypeDto(string Name, string Description, long Events, long Fatalities);

public sealed record EventTypeDto(string Name, string Description, long Events, IReadOnlyList<SubtypeDto> Subtypes);

public sealed record EventTypes(IReadOnlyList<EventTypeDto> Data, string DatasetVersion);

public sealed record ActorDto(
    string Id, string Name, IReadOnlyList<string> Aliases, string Kind, string? Country, string? Parent, string? Affiliation,
    string? Office, bool InDictionary, int EventCount, int EventCountIncludingSubordinates);

public sealed record PlaceDto(
    string Id, string Name, IReadOnlyList<string> Aliases, string Level, string? Admin1, string? Country, string? CountryCode,
    string? IsoCode, double? Latitude, double? Longitude, string? Parent, int EventCount);

public sealed record SourceDocumentDto(string Id, string Title, string? Publisher, string? Url, string Published, string Timezone, string Language, int EventCount);

public sealed record SourceWithEvents(SourceDocumentDto Source, IReadOnlyList<Events.EventDto> Events);

public sealed record ListMeta(int Limit, int Offset, int Returned, long Total, string DatasetVersion);

public sealed record CatalogPage<T>(IReadOnlyList<T> Data, ListMeta Meta);

public sealed record DatasetCounts(long Events, long Documents, long Actors, long Places);

public sealed record DatasetInfo(
    string Version, string? ImportedAt, DatasetCounts Counts, string? FirstDate, string? LastDate,
    string? CodebookVersion, string? CoderVersion, IReadOnlyDictionary<string, long> EventsByType);
