using System.Globalization;

namespace EventsApi.Importer.Pipeline.Normalisation;

/// <summary>Whole numbers written as digits ("1,300") or words ("thirty-five").</summary>
public static class Numbers
{
    public static readonly IReadOnlyDictionary<string, int> Words = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20,
        ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
        ["hundred"] = 100, ["a hundred"] = 100, ["one hundred"] = 100, ["a dozen"] = 12,
    };

    /// <summary>The alternation that matches any number these rules can read, for use inside patterns.</summary>
    public const string Pattern = @"(?:\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|one hundred|a dozen)";

    public static int? Parse(string text)
    {
        text = text.Trim();
        if (int.TryParse(text.Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        if (Words.TryGetValue(text, out n)) return n;
        var parts = text.Split(['-', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && Words.TryGetValue(parts[0], out var tens) && Words.TryGetValue(parts[1], out var units) && tens >= 20 && units < 10)
            return tens + units;
        return null;
    }
}
