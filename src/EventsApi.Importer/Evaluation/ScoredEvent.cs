using EventsApi.Core.Storage;

namespace EventsApi.Importer.Evaluation;

/// <summary>What the scorer looks at in an extracted event: the fields of the v1 wire shape it compares.</summary>
public sealed record ScoredEvent(
    string Type,
    string Subtype,
    DateOnly Date,
    DateOnly DateEnd,
    string DatePrecision,
    string? PlaceName,
    string? Admin1,
    string? CountryCode,
    string? GeoPrecision,
    IReadOnlyList<string> ActorTokens,
    int? Fatalities,
    int? Injured,
    IReadOnlySet<string> DocumentIds,
    string Label)
{
    public static ScoredEvent From(StoredEvent e) => new(
        e.Type, e.Subtype, DateOnly.Parse(e.Date), DateOnly.Parse(e.DateEnd), e.DatePrecision,
        e.Location?.Name, e.Location?.Admin1, e.Location?.CountryCode, e.Location?.Precision,
        e.Actors.SelectMany(a => new[] { a.Name, a.Id, a.CountryCode, a.Affiliation }).OfType<string>().ToList(),
        e.Fatalities, e.Injured,
        e.Sources.Select(s => s.DocumentId).ToHashSet(),
        $"{e.Type}/{e.Subtype} {e.Date} {e.Location?.Name} [{string.Join(", ", e.Actors.Select(a => a.Name))}]");
}
