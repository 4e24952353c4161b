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
            foreach (var c in raw)
            {
                if (!char.IsLetterOrDigit(c)) continue;
                // A letter the tokenizer separates at ends one term and starts the next (TokenChars).
                if (TokenChars.Separates(c)) Add(word, prefix: false);
                else word.Append(c);
            }
            Add(word, prefix);
        }
        return terms.Count == 0 ? "\"\"" : string.Join(" AND ", terms);

        void Add(StringBuilder word, bool prefix)
        {
            if (word.Length > 0) terms.Add(Quoted(word.ToString()) + (prefix ? "*" : ""));
            word.Clear();
        }
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

    /// <summary>
    /// The MATCH expression of plain words (<see cref="PlainTerms"/>) with prefixes spelled out: where
    /// <paramref name="words"/> gives the indexed words a prefix begins, it becomes their OR. FTS5 merges
    /// an OR as it reads, so the newest matches come first without the rest, while a prefix query
    /// collects every match of every word it begins before the first row ("drone*" at 1M: 43 ms
    /// against under 1 ms for its two words).
    /// </summary>
    public static string SpelledOut(IReadOnlyList<(string Term, bool Prefix)> terms, IReadOnlyList<IReadOnlyList<string>?> words)
    {
        var parts = terms.Select((t, i) => words[i] switch
        {
            [var only] => Quoted(only),
            { Count: > 1 } some => "(" + string.Join(" OR ", some.Select(Quoted)) + ")",
            _ => Quoted(t.Term) + (t.Prefix ? "*" : ""),
        });
        return string.Join(" AND ", parts);
    }

    /// <summary>An FTS5 string: in double quotes, a double quote doubled.</summary>
    public static string Quoted(string word) => "\"" + word.Replace("\"", "\"\"") + "\"";

    /// <summary>The first string after every string that starts with <paramref name="prefix"/> (ASCII).</summary>
    public static string After(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    /// <summary>Whether the query has at least one searchable word.</summary>
    public static bool HasTerms(string query) => query.Any(char.IsLetterOrDigit);
}
