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
        e.Row.Type, e.Row.Subtype, DateOnly.Parse(e.Row.Date), DateOnly.Parse(e.Row.DateEnd), e.Row.DatePrecision,
        e.Location?.Name, e.Location?.Admin1, e.Location?.CountryCode, e.Location?.Precision,
        e.Actors.SelectMany(a => new[] { a.Name, a.Id, a.CountryCode, a.Affiliation }).OfType<string>().ToList(),
        e.Row.Fatalities, e.Row.Injured,
        e.Sources.Select(s => s.DocumentId).ToHashSet(),
        $"{e.Row.Type}/{e.Row.Subtype} {e.Row.Date} {e.Location?.Name} [{string.Join(", ", e.Actors.Select(a => a.Name))}]");
}
