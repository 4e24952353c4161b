using EventsApi.Core.Domain;
using NodaTime;

namespace EventsApi.Core.Storage;

/// <summary>
/// The criteria of /v1/events, already validated. Each list means OR among its values; different
/// criteria combine with AND.
/// </summary>
public sealed record EventFilter
{
    public LocalDate? From { get; init; }
    public LocalDate? To { get; init; }
    public bool Within { get; init; }
    public IReadOnlyList<string> Regions { get; init; } = [];
    public IReadOnlyList<string> Countries { get; init; } = [];
    public IReadOnlyList<string> Actors { get; init; } = [];
    public IReadOnlyList<ActorRole> Roles { get; init; } = [];
    public IReadOnlyList<string> Types { get; init; } = [];
    public IReadOnlyList<string> Subtypes { get; init; } = [];
    public IReadOnlyList<string> Sources { get; init; } = [];
    public int? MinFatalities { get; init; }
    public int? MinSources { get; init; }
    public DatePrecision? Precision { get; init; }
    public GeoPrecision? GeoPrecision { get; init; }
    public string? Query { get; init; }
    public (double MinLon, double MinLat, double MaxLon, double MaxLat)? Bbox { get; init; }
}
