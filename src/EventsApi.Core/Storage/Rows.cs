namespace EventsApi.Core.Storage;

// Stored rows as the queries return them: the storage shape, mapped to wire shapes by the API.

public sealed class EventRow
{
    private readonly string? id;
    private SortKeys? keys;

    /// <summary>The event's id: from the id column where an export reads it, otherwise from the stored JSON.</summary>
    public string Id { get => id ?? Keys.Id; init => id = value; }

    private double? latitude, longitude;
    private bool located;

    /// <summary>
    /// GeoJSON's geometry: read with the row where an export streams from SQL, otherwise found in the
    /// stored JSON when first asked for (CSV and NDJSON never ask: a page's or an export's rows read by
    /// seq are not parsed for them).
    /// </summary>
    public double? Latitude { get => Located().Latitude; init => (latitude, located) = (value, true); }

    public double? Longitude { get => Located().Longitude; init => (longitude, located) = (value, true); }

    private (double? Latitude, double? Longitude) Located()
    {
        if (!located) ((latitude, longitude), located) = (EventDetails.Coordinates(Details.Span), true);
        return (latitude, longitude);
    }

    /// <summary>
    /// The whole event as stored JSON in the wire shape, in UTF-8 (read as a blob: the response is UTF-8
    /// too, so the bytes are copied, not decoded to a string and encoded again); see <see cref="EventDetails"/>.
    /// A page's rows and one event by id are read as this alone; an export's rows also hold the id and
    /// the coordinates (<see cref="EventQueries.Stream"/>). A page's and one event's bytes lie in arrays
    /// the EventQueries that read them rents (RentedBytes): valid until it is disposed, with the request.
    /// </summary>
    public ReadOnlyMemory<byte> Details { get; init; }

    /// <summary>
    /// What a cursor keeps of the event, found in the stored JSON when first asked for. A page asks it
    /// of its last row only, so its rows are read as their JSON alone: reading the four columns too,
    /// for every row, cost a page of 100 about 0.08 ms, a quarter of its SQL's time.
    /// </summary>
    public SortKeys Keys => keys ??= EventDetails.Keys(Details.Span);
}

/// <summary>What a keyset cursor keeps of an event: the values it can be sorted by, and its id to break ties.</summary>
public sealed record SortKeys(string Id, string Date, int? Fatalities, int SourceCount);

public sealed class EventActorRow
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    [System.Text.Json.Serialization.JsonPropertyName("country")] // as the API names it
    public string? CountryCode { get; init; }
    public string? Affiliation { get; init; }
    public string Role { get; init; } = "";
}

public sealed class EventLocationRow
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Admin1 { get; init; }
    public string? Admin1Code { get; init; }
    public string? Country { get; init; }
    public string? CountryCode { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string Precision { get; init; } = "";
}

public sealed class EventSourceRow
{
    public string DocumentId { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Publisher { get; init; }
    public string? Url { get; init; }
    public string Published { get; init; } = "";
    public string Quote { get; init; } = "";
    public int Offset { get; init; }
    public int Length { get; init; }
}

/// <summary>An event as stored whole (<see cref="EventDetails"/>), every member parsed; the members are in the wire order.</summary>
public sealed record StoredEvent(
    string Id, string Type, string Subtype, string Date, string DateEnd, string DatePrecision, string Summary,
    IReadOnlyList<EventActorRow> Actors, EventLocationRow? Location, int? Fatalities, int? Injured, Domain.Quantity? Quantity,
    int SourceCount, IReadOnlyList<EventSourceRow> Sources);
