using EventsApi.Core.Dictionaries;

namespace EventsApi.Importer.Pipeline.Normalisation;

/// <summary>A span of a sentence and the folded key it was looked up under.</summary>
public readonly record struct NameSpan(int Start, int Length, string Surface, string Key)
{
    public int End => Start + Length;
}

/// <summary>
/// Finds the longest runs of words, starting with a capital, whose folded key a dictionary knows.
/// Runs never cross punctuation other than hyphens and a possessive "'s", which only a name that
/// has one in the dictionary matches ("Russia's Defence Ministry").
/// </summary>
public static class NameScanner
{
    /// <summary>Whether a run of words, as written and by its folded key (a string the dictionary holds), is a name.</summary>
    public delegate bool KnownName(ReadOnlySpan<char> surface, string key);

    /// <summary>
    /// The longest known names, left to right. Runs grow a word at a time while
    /// <paramref name="prefixes"/> says some key still starts with them, so most capitalised
    /// words cost one lookup, and a fold into a buffer that allocates nothing.
    /// </summary>
    public static List<NameSpan> Scan(string sentence, IReadOnlyList<(int Start, int End)> tokens, int maxWords, NamePrefixes prefixes, KnownName known)
    {
        var found = new List<NameSpan>();
        Span<char> buffer = stackalloc char[256];
        for (var i = 0; i < tokens.Count;)
        {
            var matched = 0;
            if (char.IsUpper(sentence[tokens[i].Start]) || char.IsDigit(sentence[tokens[i].Start]))
            {
                NameSpan? best = null;
                for (var n = 1; n <= Math.Min(maxWords, tokens.Count - i); n++)
                {
                    if (n > 1 && !Joined(sentence, tokens, i, n)) break;
                    var start = tokens[i].Start;
                    var surface = sentence.AsSpan(start, tokens[i + n - 1].End - start);
                    if (surface.Length + 1 > buffer.Length) buffer = new char[surface.Length + 1];
                    var length = NameKey.Fold(surface, buffer);
                    if (length == 0) break;
                    if (!prefixes.TryGet(buffer[..length], out var key))
                    {
                        // A possessive inside a name ("Donetsk People's Republic"): its tokens end before the "'s".
                        buffer[length] = 's';
                        if (PossessiveAt(sentence, tokens[i + n - 1].End) && prefixes.Contains(buffer[..(length + 1)])) continue;
                        break;
                    }
                    if (known(surface, key))
                    {
                        best = new NameSpan(start, surface.Length, surface.ToString(), key);
                        matched = n;
                    }
                }
                if (best is { } span) found.Add(span);
            }
            i += Math.Max(matched, 1);
        }
        return found;
    }

    private static bool PossessiveAt(string sentence, int at) =>
        sentence.AsSpan(at).StartsWith("'s ") || sentence.AsSpan(at).StartsWith("’s ");

    /// <summary>Whether tokens i..i+n-1 are separated by nothing but single spaces or hyphens.</summary>
    private static bool Joined(string sentence, IReadOnlyList<(int Start, int End)> tokens, int i, int n)
    {
        for (var k = i; k < i + n - 1; k++)
        {
            var gap = sentence.AsSpan(tokens[k].End, tokens[k + 1].Start - tokens[k].End);
            // A possessive may be part of a name ("Russia's Defence Ministry"); other punctuation never is.
            if (gap is not (" " or "-" or "–" or "'s " or "’s ")) return false;
        }
        return true;
    }

    /// <summary>
    /// Words: a letter or digit followed by letters, digits, apostrophes, dots and hyphens, without
    /// a trailing possessive "'s" or trailing punctuation (but keeping the last dot of "U.S.").
    /// </summary>
    public static List<(int Start, int End)> Tokens(string sentence)
    {
        var tokens = new List<(int, int)>();
        var i = 0;
        while (i < sentence.Length)
        {
            if (!char.IsLetterOrDigit(sentence[i]))
            {
                i++;
                continue;
            }
            var start = i++;
            while (i < sentence.Length && (char.IsLetterOrDigit(sentence[i]) || sentence[i] is '\'' or '’' or '.' or '-')) i++;
            var matchEnd = i;
            var end = i;
            if (end - start >= 2 && sentence[end - 1] == 's' && sentence[end - 2] is '\'' or '’') end -= 2;
            while (end > start + 1 && sentence[end - 1] is '.' or '\'' or '’' or '-') end--;
            if (end < matchEnd && sentence[end] == '.' && sentence.AsSpan(start, end - start).Contains('.')) end++;
            tokens.Add((start, end));
        }
        return tokens;
    }
}
