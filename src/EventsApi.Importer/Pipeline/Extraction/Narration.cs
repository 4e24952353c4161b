using System.Text;

namespace EventsApi.Importer.Pipeline.Extraction;

/// <summary>The sentence with quoted speech blanked to spaces: offsets stay, quotations disappear.</summary>
public static class Narration
{
    public static string Of(string sentence)
    {
        if (sentence.AsSpan().IndexOfAny('"', '“', '”') < 0) return sentence; // most sentences quote nobody
        var text = new StringBuilder(sentence);
        var open = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var opens = c == '“' || c == '"' && open < 0 && (i == 0 || !char.IsLetterOrDigit(text[i - 1]));
            var closes = c == '”' || c == '"' && open >= 0;
            if (open < 0 && opens) open = i;
            else if (open >= 0 && closes)
            {
                for (var k = open; k <= i; k++) text[k] = ' ';
                open = -1;
            }
        }
        // An opening quote never closed in this sentence runs to its end (a quote over several sentences).
        if (open >= 0) for (var k = open; k < text.Length; k++) text[k] = ' ';
        return text.ToString();
    }
}
