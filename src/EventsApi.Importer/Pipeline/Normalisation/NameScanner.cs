using System.Text.RegularExpressions;
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
public static partial class NameScanner
{
    public static List<NameSpan> Scan(string sentence, int maxWords, Func<string, string, bool> known)
    {
        var tokens = Tokens(sentence);
        var found = new List<NameSpan>();
        for (var i = 0; i < tokens.Count;)
        {
            var matched = 0;
            if (char.IsUpper(sentence[tokens[i].Start]) || char.IsDigit(sentence[tokens[i].Start]))
            {
                for (var n = Math.Min(maxWords, tokens.Count - i); n >= 1 && matched == 0; n--)
                {
                    if (!Joined(sentence, tokens, i, n)) continue;
                    var start = tokens[i].Start;
                    var surface = sentence[start..tokens[i + n - 1].End];
                    var key = NameKey.Fold(surface);
                    if (key.Length > 0 && known(surface, key))
                    {
                        found.Add(new NameSpan(start, surface.Length, surface, key));
                        matched = n;
                    }
                }
            }
            i += Math.Max(matched, 1);
        }
        return found;
    }

    /// <summary>Whether tokens i..i+n-1 are separated by nothing but single spaces or hyphens.</summary>
    private static bool Joined(string sentence, List<(int Start, int End)> tokens, int i, int n)
    {
        for (var k = i; k < i + n - 1; k++)
        {
            var gap = sentence[tokens[k].End..tokens[k + 1].Start];
            // A possessive may be part of a name ("Russia's Defence Ministry"); other punctuation never is.
            if (gap is not (" " or "-" or "–" or "'s " or "’s ")) return false;
        }
        return true;
    }

    public static List<(int Start, int End)> Tokens(string sentence)
    {
        var tokens = new List<(int, int)>();
        foreach (Match m in TokenPattern().Matches(sentence))
        {
            var end = m.Index + m.Length;
            var text = m.Value;
            if (text.EndsWith("'s", StringComparison.Ordinal) || text.EndsWith("’s", StringComparison.Ordinal)) end -= 2;
            while (end > m.Index + 1 && sentence[end - 1] is '.' or '\'' or '’' or '-') end--;
            // Keep the final dot of an abbreviation written with dots ("U.S.").
            if (end < m.Index + m.Length && sentence[end] == '.' && sentence[m.Index..end].Contains('.')) end++;
            tokens.Add((m.Index, end));
        }
        return tokens;
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’.\-]*")]
    private static partial Regex TokenPattern();
}
