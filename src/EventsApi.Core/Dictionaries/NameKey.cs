using System.Globalization;
using System.Text;

namespace EventsApi.Core.Dictionaries;

/// <summary>
/// The folded key under which names of places and actors are matched. It makes GeoNames' older
/// romanisation meet Ukraine's 2010 national system (Chuhuyiv/Chuhuiv, Avdiyivka/Avdiivka,
/// Kup'yans'k/Kupiansk): diacritics, apostrophes and case go, y becomes i, "zhzh" becomes "zh",
/// and a doubled letter counts once (a doubled digit does not: 22nd is not 2nd). The Russian forms
/// of Ukrainian names' first adjective meet the Ukrainian ones (Novaya Kakhovka/Nova Kakhovka).
/// </summary>
public static class NameKey
{
    /// <summary>"a b c" gives "a", "a b", "a b c": what a left-to-right scan may still extend.</summary>
    public static HashSet<string> WordPrefixes(IEnumerable<string> keys)
    {
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            for (var space = key.IndexOf(' '); space > 0; space = key.IndexOf(' ', space + 1)) prefixes.Add(key[..space]);
            prefixes.Add(key);
        }
        return prefixes;
    }

    public static string Fold(string name)
    {
        // Most names are plain ASCII: skip the Unicode decomposition for them.
        var decomposed = System.Text.Ascii.IsValid(name) ? name : name.Normalize(NormalizationForm.FormD);
        var letters = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is '\'' or '’' or 'ʼ' or '`' or '‘' or 'ʹ' or '.') continue;
            if (char.IsLetterOrDigit(c)) letters.Append(char.ToLowerInvariant(c) == 'y' ? 'i' : char.ToLowerInvariant(c));
            else if (letters.Length > 0 && letters[^1] != ' ') letters.Append(' ');
        }
        var text = letters.ToString().Trim().Replace("zhzh", "zh", StringComparison.Ordinal);
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (folded.Length > 0 && folded[^1] == c && char.IsLetter(c)) continue;
            folded.Append(c);
        }
        var key = folded.ToString();
        foreach (var (russian, ukrainian) in RussianAdjectives)
        {
            // The word alone too: a name scanner extends "novaia" to "nova kakhovka" word by word.
            if (key.StartsWith(russian, StringComparison.Ordinal) && (key.Length == russian.Length || key[russian.Length] == ' '))
                return ukrainian + key[russian.Length..];
        }
        return key;
    }

    /// <summary>As folded: "Novaya" is "novaia", "Novoye" "novoie".</summary>
    private static readonly (string Russian, string Ukrainian)[] RussianAdjectives =
    [
        ("novaia", "nova"), ("novoie", "nove"), ("malaia", "mala"), ("maloie", "male"), ("velikaia", "velika"),
        ("velikoie", "velike"), ("staraia", "stara"), ("staroie", "stare"), ("verkhniaia", "verkhnia"), ("nizhniaia", "nizhnia"),
    ];
}
