using EventsApi.Importer.Pipeline.Reading;

namespace EventsApi.Importer.Pipeline;

/// <summary>A name the dictionaries lack and how often the documents used it.</summary>
public sealed record Unresolved(string Name, int Count)
{
    /// <summary>Most frequent first (what to add to the dictionaries first), then by name for a stable order.</summary>
    public static IReadOnlyList<Unresolved> Rank(IEnumerable<string> names) => names
        .GroupBy(n => n, StringComparer.Ordinal)
        .Select(g => new Unresolved(g.Key, g.Count()))
        .OrderByDescending(u => u.Count).ThenBy(u => u.Name, StringComparer.Ordinal)
        .ToList();
}

/// <summary>What an import did: printed by the CLI, logged by the API's start-up import.</summary>
public sealed record ImportReport(
    int DocumentsRead,
    IReadOnlyList<Rejection> Rejections,
    IReadOnlyDictionary<string, int> EventsByType,
    IReadOnlyList<Unresolved> UnknownActors,
    IReadOnlyList<Unresolved> UnresolvedPlaces,
    string? DatasetVersion)
{
    /// <summary>How many unresolved names the summary lists; the rest are counted.</summary>
    public const int ListedNames = 25;

    public int EventCount => EventsByType.Values.Sum();

    public bool Succeeded => DatasetVersion is not null;

    public IEnumerable<string> Lines()
    {
        yield return $"documents read: {DocumentsRead}, rejected: {Rejections.Count}";
        foreach (var r in Rejections) yield return $"  rejected {r}";
        yield return $"events: {EventCount}";
        foreach (var (type, count) in EventsByType.OrderBy(t => t.Key, StringComparer.Ordinal)) yield return $"  {type}: {count}";
        foreach (var line in Ranked("unknown actors", "data/dictionaries/actors.tsv", UnknownActors)) yield return line;
        foreach (var line in Ranked("unresolved places", "data/gazetteer/places.tsv (as an alias or a place)", UnresolvedPlaces)) yield return line;
        if (DatasetVersion is not null) yield return $"dataset version: {DatasetVersion}";
    }

    private static IEnumerable<string> Ranked(string what, string where, IReadOnlyList<Unresolved> names)
    {
        if (names.Count == 0)
        {
            yield return $"{what}: none";
            yield break;
        }
        yield return $"{what}: {names.Count} (most frequent first; add them to {where})";
        foreach (var name in names.Take(ListedNames)) yield return $"  {name.Count,5}  {name.Name}";
        if (names.Count > ListedNames) yield return $"  ... and {names.Count - ListedNames} more, used {names.Skip(ListedNames).Sum(n => n.Count)} times";
    }
}
