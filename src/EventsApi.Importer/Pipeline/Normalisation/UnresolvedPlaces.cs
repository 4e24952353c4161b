using System.Text.RegularExpressions;
using EventsApi.Core.Dictionaries;

namespace EventsApi.Importer.Pipeline.Normalisation;

/// <summary>
/// Names the text places ("near Zarichne", "the village of Novyi Yar") that the gazetteer lacks:
/// reported by the import so the gazetteer can grow.
/// </summary>
public static partial class UnresolvedPlaces
{
    private static readonly HashSet<string> NotPlaces = new(StringComparer.Ordinal)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "the", "a", "an", "this", "that", "telegram", "x",
    };

    public static IEnumerable<string> In(string body, Gazetteer gazetteer)
    {
        foreach (Match m in Pattern().Matches(body))
        {
            var name = m.Groups["name"].Value;
            var key = NameKey.Fold(name);
            if (NotPlaces.Contains(key) || gazetteer.NamedByKey(key).Count > 0) continue;
            yield return name;
        }
    }

    [GeneratedRegex(@"\b(?:near|outside|village\s+of|town\s+of|settlement\s+of|city\s+of)\s+(?<name>\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?)")]
    private static partial Regex Pattern();
}
