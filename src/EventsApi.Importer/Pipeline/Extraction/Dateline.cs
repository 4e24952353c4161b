using System.Text.RegularExpressions;

namespace EventsApi.Importer.Pipeline.Extraction;

/// <summary>
/// A wire story's dateline, "KYIV, Nov 17 (Reuters) - " or "MOSCOW (AP) — ": where the reporter filed
/// from. Its city is neither the event's place nor an actor ("Kyiv" as the Ukrainian government);
/// its date is left to the date expressions, which read it like any other.
/// </summary>
public static partial class Dateline
{
    /// <summary>How many characters at the start of the sentence are its dateline (0 for none).</summary>
    public static int Length(string sentence) => Pattern().Match(sentence) is { Success: true } m ? m.Length : 0;

    [GeneratedRegex(@"^\p{Lu}[\p{Lu}'’.\- ]+(?:,\s*[\p{L}\d .]{1,30})?\s*(?:\([^()]{1,40}\))?\s*[-–—]\s+")]
    private static partial Regex Pattern();
}
