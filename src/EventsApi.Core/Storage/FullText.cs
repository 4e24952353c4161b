using System.Text;

namespace EventsApi.Core.Storage;

/// <summary>
/// Turns a user's search words into an FTS5 MATCH expression that can never be a syntax error or
/// an injection: every word becomes a quoted string (prefix-matched when it ends in '*'), ANDed.
/// </summary>
public static class FullText
{
    public static string ToMatchExpression(string query)
    {
        var terms = new List<string>();
        foreach (var raw in query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var prefix = raw.EndsWith('*');
            var word = new StringBuilder();
            foreach (var c in raw) if (char.IsLetterOrDigit(c)) word.Append(c);
            if (word.Length == 0) continue;
            terms.Add("\"" + word + "\"" + (prefix ? "*" : ""));
        }
        return terms.Count == 0 ? "\"\"" : string.Join(" AND ", terms);
    }

    /// <summary>
    /// The query's one word as the index holds it (lower case), when the query is a single plain
    /// ASCII word: the index's tokenizer leaves such a word as it is but for case.
    /// </summary>
    public static string? SingleTerm(string query)
    {
        var words = query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words is [var word] && word.All(char.IsAsciiLetterOrDigit) ? word.ToLowerInvariant() : null;
    }

    /// <summary>
    /// The query's words as the index holds them (lower case), each with whether it is a prefix
    /// ("drone*"); null when a word is not plain ASCII, whose indexed form the tokenizer decides.
    /// </summary>
    public static IReadOnlyList<(string Term, bool Prefix)>? PlainTerms(string query)
    {
        var terms = new List<(string, bool)>();
        foreach (var raw in query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var prefix = raw.EndsWith('*');
            var word = prefix ? raw[..^1] : raw;
            if (word.Length == 0 || !word.All(char.IsAsciiLetterOrDigit)) return null;
            terms.Add((word.ToLowerInvariant(), prefix));
        }
        return terms;
    }

    /// <summary>The first string after every string that starts with <paramref name="prefix"/> (ASCII).</summary>
    public static string After(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    /// <summary>Whether the query has at least one searchable word.</summary>
    public static bool HasTerms(string query) => query.Any(char.IsLetterOrDigit);
}
