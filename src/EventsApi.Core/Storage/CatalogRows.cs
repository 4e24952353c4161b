namespace EventsApi.Core.Storage;

// Rows of the catalog resources: actors, places, documents, event types and the dataset.

public sealed class ActorRow
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? CountryCode { get; init; }
    public string? ParentId { get; init; }
    public string? Office { get; init; }
    public string? Affiliation { get; init; }
    public bool Known { get; init; }
    public int EventCount { get; init; }
    public int EventCountTotal { get; init; }
    public string? Aliases { get; init; }  // '\u001f'-separated
}

public sealed class PlaceRow
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Level { get; init; } = "";
    public string CountryCode { get; init; } = "";
    public string? ParentId { get; init; }
    public string? IsoCode { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? Admin1Name { get; init; }
    public string? CountryName { get; init; }
    public int EventCount { get; init; }
    public string? Aliases { get; init; }
}

public sealed class DocumentRow
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Publisher { get; init; }
    public string? Url { get; init; }
    public string Published { get; init; } = "";
    public string Timezone { get; init; } = "";
    public string Language { get; init; } = "";
    public int EventCount { get; init; }
}

public sealed class TypeCountRow
{
    public string Type { get; init; } = "";
    public string Subtype { get; init; } = "";
    public long Events { get; init; }
    public long Fatalities { get; init; }
}

public sealed class TimelineRow
{
    public string Period { get; init; } = "";
    public string? Grp { get; init; }
    public long Events { get; init; }
    public long Fatalities { get; init; }
}

public sealed class DatasetSummaryRow
{
    public long Events { get; init; }
    public long Documents { get; init; }
    public long Actors { get; init; }
    public long Places { get; init; }
    public string? FirstDate { get; init; }
    public string? LastDate { get; init; }
}
