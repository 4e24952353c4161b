using System.Globalization;

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
    public static string Fold(string name) => Fold(name.AsSpan());

    public static string Fold(ReadOnlySpan<char> name)
    {
        var buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        return new string(buffer[..Fold(name, buffer)]);
    }

    /// <summary>
    /// The key of <paramref name="name"/> written into <paramref name="buffer"/> (at least as long as the
    /// name); its length. Every step works in that buffer: the name scanners fold each run of
    /// capitalised words they try and allocate nothing unless the key is one they know.
    /// </summary>
    public static int Fold(ReadOnlySpan<char> name, Span<char> buffer)
    {
        var length = 0;
        foreach (var c in name)
        {
            if (c is '\'' or '’' or 'ʼ' or '`' or '‘' or 'ʹ' or '.') continue;
            if (c > '\x7f' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c)) buffer[length++] = Plain(char.ToLowerInvariant(c));
            else if (length > 0 && buffer[length - 1] != ' ') buffer[length++] = ' ';
        }
        if (length > 0 && buffer[length - 1] == ' ') length--;
        length = Collapse(buffer[..length]);
        var key = buffer[..length];
        foreach (var (russian, ukrainian) in RussianAdjectives)
        {
            // The word alone too: a name scanner extends "novaia" to "nova kakhovka" word by word.
            if (key.StartsWith(russian, StringComparison.Ordinal) && (key.Length == russian.Length || key[russian.Length] == ' '))
            {
                // The Ukrainian form is the shorter: the rest of the key moves left (CopyTo allows the overlap).
                key[russian.Length..].CopyTo(buffer[ukrainian.Length..]);
                ukrainian.CopyTo(buffer);
                return length - russian.Length + ukrainian.Length;
            }
        }
        return length;
    }

    /// <summary>
    /// A lower-case letter without its marks, and y as i. Letters with a stroke have no marks to drop,
    /// but names meet without it too (Łódź, Lodz).
    /// </summary>
    private static char Plain(char c)
    {
        var plain = c switch
        {
            'ł' => 'l', 'đ' => 'd', 'ħ' => 'h', 'ø' => 'o', 'ı' => 'i', 'ŧ' => 't', 'ß' => 's',
            _ => Diacritics.Without(c),
        };
        return plain == 'y' ? 'i' : plain;
    }

    /// <summary>
    /// "zhzh" as "zh" (left to right, as string.Replace), then each run of one letter as that letter,
    /// in place; the new length.
    /// </summary>
    private static int Collapse(Span<char> text)
    {
        var length = 0;
        for (var i = 0; i < text.Length;)
        {
            if (text[i..].StartsWith("zhzh", StringComparison.Ordinal))
            {
                text[length++] = 'z';
                text[length++] = 'h';
                i += 4;
            }
            else text[length++] = text[i++];
        }
        var kept = 0;
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (kept > 0 && text[kept - 1] == c && char.IsLetter(c)) continue;
            text[kept++] = c;
        }
        return kept;
    }

    /// <summary>As folded: "Novaya" is "novaia", "Novoye" "novoie".</summary>
    private static readonly (string Russian, string Ukrainian)[] RussianAdjectives =
    [
        ("novaia", "nova"), ("novoie", "nove"), ("malaia", "mala"), ("maloie", "male"), ("velikaia", "velika"),
        ("velikoie", "velike"), ("staraia", "stara"), ("staroie", "stare"), ("verkhniaia", "verkhnia"), ("nizhniaia", "nizhnia"),
    ];
}
