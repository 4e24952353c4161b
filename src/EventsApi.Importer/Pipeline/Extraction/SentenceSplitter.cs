using System.Text.RegularExpressions;

namespace EventsApi.Importer.Pipeline.Extraction;

/// <summary>
/// Splits a body into paragraphs (lines) and sentences, keeping each sentence's offset.
/// A sentence ends at . ! or ? (and any closing quotes or brackets) followed by white space and
/// a capital, digit or opening quote, unless the full stop ends a known abbreviation.
/// </summary>
public static partial class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Gov", "Sen", "Rep", "Pres",
        "No", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "U.S", "U.K", "U.N", "E.U",
        "vs", "approx", "Jr", "Sr", "Prof", "Inc", "Ltd", "Co", "Corp", "Mt", "Ft",
    };

    public static IReadOnlyList<Sentence> Split(string body)
    {
        var sentences = new List<Sentence>();
        var paragraph = 0;
        foreach (Match line in LinePattern().Matches(body))
        {
            if (line.Value.Trim().Length == 0) continue;
            SplitLine(line.Value, line.Index, paragraph++, sentences);
        }
        return sentences;
    }

    private static void SplitLine(string line, int lineOffset, int paragraph, List<Sentence> sentences)
    {
        var start = 0;
        foreach (Match end in EndPattern().Matches(line))
        {
            var stop = end.Index + end.Groups["stop"].Length;
            if (end.Groups["stop"].Value.StartsWith('.') && EndsWithAbbreviation(line, end.Index)) continue;
            Add(line, lineOffset, start, stop, paragraph, sentences);
            start = end.Index + end.Length;
        }
        Add(line, lineOffset, start, line.Length, paragraph, sentences);
    }

    private static bool EndsWithAbbreviation(string line, int dot)
    {
        var wordStart = dot;
        while (wordStart > 0 && (char.IsLetter(line[wordStart - 1]) || line[wordStart - 1] == '.')) wordStart--;
        var word = line[wordStart..dot];
        // A lone capital ("Donald J. Trump") is an initial, not a sentence end.
        return Abbreviations.Contains(word) || word.Length == 1 && char.IsUpper(word[0]);
    }

    private static void Add(string line, int lineOffset, int from, int to, int paragraph, List<Sentence> sentences)
    {
        while (from < to && char.IsWhiteSpace(line[from])) from++;
        while (to > from && char.IsWhiteSpace(line[to - 1])) to--;
        if (to > from) sentences.Add(new Sentence(line[from..to], lineOffset + from, paragraph));
    }

    [GeneratedRegex(@"[^\n]+")]
    private static partial Regex LinePattern();

    [GeneratedRegex(@"(?<stop>[.!?]+[""”’')\]]*)\s+(?=[\p{Lu}\d""“‘(])")]
    private static partial Regex EndPattern();
}
