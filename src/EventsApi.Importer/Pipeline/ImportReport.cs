using EventsApi.Importer.Pipeline.Reading;

namespace EventsApi.Importer.Pipeline;

/// <summary>What an import did: printed by the CLI, logged by the API's start-up import.</summary>
public sealed record ImportReport(
    int DocumentsRead,
    IReadOnlyList<Rejection> Rejections,
    IReadOnlyDictionary<string, int> EventsByType,
    IReadOnlyList<string> UnknownActors,
    IReadOnlyList<string> UnresolvedPlaces,
    string? DatasetVersion)
{
    public int EventCount => EventsByType.Values.Sum();

    public bool Succeeded => DatasetVersion is not null;

    public IEnumerable<string> Lines()
    {
        yield return $"documents read: {DocumentsRead}, rejected: {Rejections.Count}";
        foreach (var r in Rejections) yield return $"  rejected {r}";
        yield return $"events: {EventCount}";
        foreach (var (type, count) in EventsByType.OrderBy(t => t.Key, StringComparer.Ordinal)) yield return $"  {type}: {count}";
        yield return $"unknown actors: {(UnknownActors.Count == 0 ? "none" : string.Join(", ", UnknownActors))}";
        yield return $"unresolved places: {(UnresolvedPlaces.Count == 0 ? "none" : string.Join(", ", UnresolvedPlaces))}";
        if (DatasetVersion is not null) yield return $"dataset version: {DatasetVersion}";
    }
}
