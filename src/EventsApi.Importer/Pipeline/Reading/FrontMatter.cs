namespace EventsApi.Importer.Pipeline.Reading;

/// <summary>
/// The front-matter block of CODEBOOK.md: a '---' line, one 'key: value' per line, a '---' line.
/// Deliberately not full YAML: news titles carry colons and quotes that YAML would reject.
/// </summary>
internal static class FrontMatter
{
    /// <summary>The fields and the body (everything after the closing '---' line), or null when there is no block.</summary>
    public static (Dictionary<string, string> Fields, string Body, string? Problem) Split(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (text.StartsWith('\uFEFF')) text = text[1..];
        var firstEnd = text.IndexOf('\n');
        if (firstEnd < 0 || text[..firstEnd].TrimEnd('\r') != "---")
            return (fields, text, "the file does not start with a '---' front-matter line");

        var position = firstEnd + 1;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            var line = (end < 0 ? text[position..] : text[position..end]).TrimEnd('\r');
            position = end < 0 ? text.Length : end + 1;
            if (line == "---") return (fields, text[position..], null);
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0) return (fields, "", $"front-matter line '{Shorten(line)}' is not 'key: value'");
            var key = line[..colon].Trim();
            fields[key] = Clean(key, line[(colon + 1)..].Trim());
        }
        return (fields, "", "the front matter has no closing '---' line");
    }

    private static string Clean(string key, string value)
    {
        // A trailing "# comment" is allowed on fields whose values never contain ' #'.
        if (key is not ("title" or "url"))
        {
            var comment = value.IndexOf(" #", StringComparison.Ordinal);
            if (comment >= 0) value = value[..comment].TrimEnd();
        }
        if (value.Length >= 2 && (value[0] == '"' && value[^1] == '"' || value[0] == '\'' && value[^1] == '\''))
            value = value[1..^1];
        return value;
    }

    private static string Shorten(string line) => line.Length > 60 ? line[..60] + "…" : line;
}
