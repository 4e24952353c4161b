using System.Text.RegularExpressions;

namespace EventsApi.Importer.Pipeline.Extraction;

/// <summary>
/// Codebook rule 9: captions with photo credits, headings, bylines and appeals are not coded.
/// Works on paragraphs (lines), since that is how all of these appear in article text.
/// </summary>
public static partial class Boilerplate
{
    /// <summary>Paragraph indexes that are not coded.</summary>
    public static HashSet<int> Paragraphs(IReadOnlyList<Sentence> sentences)
    {
        var skipped = new HashSet<int>();
        var appealFrom = int.MaxValue;
        var paragraphs = sentences.GroupBy(s => s.Paragraph).Select(p => (p.Key, Text: string.Join(' ', p.Select(s => s.Text)))).ToList();
        // A document of nothing but headlines ("Russian missile strike kills four in Dnipro", one
        // per line) reports in them: they head no body.
        var headlinesOnly = paragraphs.All(p => IsHeading(p.Text) || IsCaption(p.Text) || IsByline(p.Text));
        foreach (var (paragraph, text) in paragraphs)
        {
            if (AppealStart().IsMatch(text)) appealFrom = Math.Min(appealFrom, paragraph);
            if (paragraph >= appealFrom || IsCaption(text) || IsHeading(text) && !headlinesOnly || IsByline(text) || IsAppeal(text))
                skipped.Add(paragraph);
        }
        return skipped;
    }

    /// <summary>A photo credit in brackets at the end: "(AP: Sergei Bobylev)", "(Reuters/KRT)", "(Photo: ...)".</summary>
    public static bool IsCaption(string text) => CreditPattern().IsMatch(text);

    /// <summary>A short line without closing punctuation: a heading or an image's alt text.</summary>
    public static bool IsHeading(string text)
    {
        // Words are counted only up to the limit: every paragraph of an article is asked, most are long.
        var trimmed = text.AsSpan().Trim();
        var words = 0;
        foreach (var word in trimmed.Split(' ')) if (!trimmed[word].IsEmpty && ++words > 12) return false;
        return !EndsLikeSentence().IsMatch(trimmed);
    }

    public static bool IsByline(string text) => BylinePattern().IsMatch(text.Trim());

    public static bool IsAppeal(string text) => AppealPattern().IsMatch(text);

    [GeneratedRegex(@"\((?:[A-Z][\w .&/-]{0,40}(?::|/)[^()]{1,80}|(?:Photo|Image|Picture|Credit|Supplied|File)[^()]{0,80}|AP|AFP|Reuters|Getty Images|EPA)\)\s*$")]
    private static partial Regex CreditPattern();

    [GeneratedRegex(@"[.!?:;""”’)]$")]
    private static partial Regex EndsLikeSentence();

    [GeneratedRegex(@"^(?:By|Written by|Reporting by|Editing by)\s+[A-Z]|^(?:Posted|Updated|Published)\s+\d", RegexOptions.IgnoreCase)]
    private static partial Regex BylinePattern();

    [GeneratedRegex(@"^\s*(?:A Message from|Dear readers?\b|Support (?:us|our)|Subscribe to|Sign up for)", RegexOptions.IgnoreCase)]
    private static partial Regex AppealStart();

    [GeneratedRegex(@"\b(?:please support us|support us (?:monthly|today)|make a (?:donation|contribution)|donate (?:now|today)|subscribe (?:now|today)|sign up (?:for|to) our newsletter|remind me later)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AppealPattern();
}
