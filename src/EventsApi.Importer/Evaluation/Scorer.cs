using System.Globalization;
using System.Text;
using EventsApi.Core.Dictionaries;

namespace EventsApi.Importer.Evaluation;

/// <summary>
/// Scores extracted events against a gold file with the matching semantics of
/// ../shared/tools/score.py: a greedy assignment (required gold first, each taking the matching
/// event with the best field score), precision over all extracted events, recall over required
/// gold, and per-field accuracy on the matched pairs; plus per-type precision and recall.
/// </summary>
public static class Scorer
{
    private static readonly HashSet<string> Generic =
        ["oblast", "region", "republic", "krai", "kray", "province", "city", "of", "the", "autonomous", "governorate", "raion", "district", "oblast'", "municipality"];

    public sealed record Result(
        int Extracted, int Required, int MatchedRequired, int MatchedOptional, int FalsePositives, int Duplicates,
        double Precision, double Recall, double F1,
        IReadOnlyDictionary<string, (int Hit, int Total)> Fields,
        IReadOnlyDictionary<string, (double Precision, double Recall, int Gold, int Extracted)> ByType,
        IReadOnlyList<string> Missed, IReadOnlyList<string> FalsePositiveExamples, IReadOnlyList<string> DuplicateExamples);

    public static Result Score(GoldFile gold, IReadOnlyList<ScoredEvent> events)
    {
        var taken = new HashSet<int>();
        var pairs = new Dictionary<string, int>();
        foreach (var g in gold.Events.OrderBy(g => !g.Required))
        {
            int? best = null;
            var bestFit = -1;
            for (var i = 0; i < events.Count; i++)
            {
                if (taken.Contains(i) || !Matches(g, events[i])) continue;
                var fit = Fields(g, events[i]).Values.Count(v => v);
                if (fit > bestFit) (best, bestFit) = (i, fit);
            }
            if (best is null) continue;
            taken.Add(best.Value);
            pairs[g.Key] = best.Value;
        }
        var required = gold.Events.Where(g => g.Required).ToList();
        var tp = required.Count(g => pairs.ContainsKey(g.Key));
        var unmatched = Enumerable.Range(0, events.Count).Where(i => !taken.Contains(i)).ToList();
        var duplicates = unmatched.Where(i => gold.Events.Any(g => Matches(g, events[i]))).ToList();
        var falsePositives = unmatched.Except(duplicates).ToList();
        var precision = tp + unmatched.Count == 0 ? 0 : (double)tp / (tp + unmatched.Count);
        var recall = required.Count == 0 ? 0 : (double)tp / required.Count;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

        var fields = new SortedDictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var g in gold.Events.Where(g => pairs.ContainsKey(g.Key)))
        {
            foreach (var (name, ok) in Fields(g, events[pairs[g.Key]]))
            {
                var (hit, n) = fields.GetValueOrDefault(name);
                fields[name] = (hit + (ok ? 1 : 0), n + 1);
            }
        }

        var byType = new SortedDictionary<string, (double, double, int, int)>(StringComparer.Ordinal);
        foreach (var type in required.Select(g => g.Type ?? "").Concat(events.Select(e => e.Type)).Where(t => t.Length > 0).Distinct())
        {
            var gold1 = required.Where(g => g.Type == type).ToList();
            var found = gold1.Count(g => pairs.ContainsKey(g.Key));
            var extracted = Enumerable.Range(0, events.Count).Where(i => events[i].Type == type).ToList();
            var correct = extracted.Count(i => pairs.Values.Contains(i) && required.Any(g => pairs.GetValueOrDefault(g.Key, -1) == i));
            var wrong = extracted.Count(i => unmatched.Contains(i));
            byType[type] = (correct + wrong == 0 ? 0 : (double)correct / (correct + wrong), gold1.Count == 0 ? 0 : (double)found / gold1.Count, gold1.Count, extracted.Count);
        }

        return new Result(events.Count, required.Count, tp, gold.Events.Count(g => !g.Required && pairs.ContainsKey(g.Key)),
            falsePositives.Count, duplicates.Count, Math.Round(precision, 3), Math.Round(recall, 3), Math.Round(f1, 3),
            fields, byType, required.Where(g => !pairs.ContainsKey(g.Key)).Select(g => g.Key).ToList(),
            falsePositives.Take(15).Select(i => events[i].Label).ToList(), duplicates.Take(10).Select(i => events[i].Label).ToList());
    }

    public static bool Matches(GoldEvent g, ScoredEvent e) =>
        Cites(g, e) && TypeOk(g, e) && DateOk(g, e) && PlaceOk(g, e) && (g.Actors.Count == 0 || g.Actors.Any(group => GroupMatched(group, e)));

    private static bool Cites(GoldEvent g, ScoredEvent e) => g.Sources is not { Count: > 0 } || g.Sources.Any(e.DocumentIds.Contains);

    private static bool TypeOk(GoldEvent g, ScoredEvent e) => (g.TypeAny is { Count: > 0 } ? g.TypeAny : [g.Type ?? ""]).Contains(e.Type);

    private static (DateOnly Lo, DateOnly Hi) Window(GoldEvent g) => (DateOnly.Parse(g.DateWindow[0]), DateOnly.Parse(g.DateWindow[1]));

    private static bool DateOk(GoldEvent g, ScoredEvent e)
    {
        var (lo, hi) = Window(g);
        if (lo <= e.Date && e.Date <= hi) return true;
        // A coarser extracted interval that overlaps the window, and is not absurdly wide, still matches.
        var width = hi.DayNumber - lo.DayNumber + 1;
        return e.Date <= hi && e.DateEnd >= lo && e.DateEnd.DayNumber - e.Date.DayNumber + 1 <= 2 * width + 7;
    }

    private static bool PlaceOk(GoldEvent g, ScoredEvent e)
    {
        var place = g.Place;
        if (place is null) return true;
        if (e.PlaceName is null) return !(g.PlaceRequired ?? true);
        if (place.Country is not null && !string.Equals(e.CountryCode, place.Country, StringComparison.OrdinalIgnoreCase)) return false;
        if (place.Admin1 is { Count: > 0 } && !place.Admin1.Any(a => LooseEqual(a, e.Admin1) || LooseEqual(a, e.PlaceName)))
            return e.GeoPrecision == "country" && !(g.PlaceRequired ?? true);
        return true;
    }

    private static bool GroupMatched(IReadOnlyList<string> group, ScoredEvent e) =>
        group.Any(name => e.ActorTokens.Any(t => LooseEqual(name, t) || Norm(name) == Norm(t)));

    public static Dictionary<string, bool> Fields(GoldEvent g, ScoredEvent e)
    {
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (g.Subtype is not null) result["subtype"] = e.Subtype == g.Subtype;
        var (lo, hi) = Window(g);
        if (g.Precision is not null) result["date"] = lo <= e.Date && e.Date <= hi && e.DatePrecision == g.Precision;
        if (g.Place?.Admin1 is { Count: > 0 } || g.Place?.Name is { Count: > 0 })
        {
            var names = g.Place!.Name is { Count: > 0 } ? g.Place.Name : g.Place.Admin1!;
            result["place"] = names.Any(n => LooseEqual(n, e.PlaceName));
        }
        if (g.Actors.Count > 0) result["actors_complete"] = g.Actors.All(group => GroupMatched(group, e));
        if (g.Fatalities is not null) result["fatalities"] = e.Fatalities == g.Fatalities;
        if (g.Injured is not null) result["injured"] = e.Injured == g.Injured;
        if (g.MinSources is not null) result["sources_merged"] = e.DocumentIds.Count >= g.MinSources;
        return result;
    }

    /// <summary>score.py's norm(): accents and case folded, punctuation to spaces, generic region words dropped.</summary>
    public static string Norm(string? text)
    {
        if (text is null) return "";
        var kept = new StringBuilder();
        foreach (var c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = Diacritics.Without(char.ToLowerInvariant(c));
            kept.Append(char.IsLetterOrDigit(lower) || char.IsWhiteSpace(lower) ? lower : ' ');
        }
        return string.Join(' ', kept.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(w => !Generic.Contains(w)));
    }

    public static bool LooseEqual(string? a, string? b)
    {
        var (x, y) = (Norm(a), Norm(b));
        if (x.Length == 0 || y.Length == 0) return false;
        return x == y || x.Length >= 5 && y.Length >= 5 && (x.Contains(y, StringComparison.Ordinal) || y.Contains(x, StringComparison.Ordinal));
    }
}
