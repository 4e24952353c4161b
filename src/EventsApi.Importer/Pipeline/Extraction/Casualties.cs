using System.Buffers;
using System.Text.RegularExpressions;
using EventsApi.Core.Domain;
using EventsApi.Importer.Pipeline.Normalisation;

namespace EventsApi.Importer.Pipeline.Extraction;

/// <summary>
/// Codebook rule 7: stated numbers of dead and injured, and other magnitudes as a quantity.
/// Vague amounts ("dozens") are not numbers; 0 only where the text says nobody was hurt.
/// </summary>
public static class Casualties
{
    private const string N = "(?<n>" + Numbers.Pattern + ")";
    private const string Lead = @"(?:(?:at\s+least|more\s+than|over|some|about|around|nearly|up\s+to)\s+)?";
    /// <summary>Up to three words for who was hurt ("people", "civilians in the city"), never across "and".</summary>
    private const string Who = @"(?:(?!and\b)[\w-]+\s+){0,3}?";

    /// <summary>One person named by a noun: "the driver was killed", "injuring a woman", "killing a 56-year-old man".</summary>
    private const string Person = @"(?<one>" + Article + PersonNoun + @")\b";

    /// <summary>After a verb a headline drops the article: "kills woman in Kherson".</summary>
    private const string PersonAfterVerb = @"(?<one>(?:" + Article + ")?" + PersonNoun + @")\b";

    private const string Article = @"(?:a|an|one|the)\s+(?:[\w-]+\s+){0,2}?";

    private const string PersonNoun = @"(?:man|woman|boy|girl|child|civilian|driver|resident|person|teenager|pensioner|soldier|serviceman|farmer|worker|policeman|police\s+officer|volunteer|medic|paramedic|journalist|firefighter|rescuer|passer-by|local|officer|commander|official)";

    private static readonly Regex[] Killed =
    [
        new(@"(?i)\b" + Person + @"\s+(?:was|has\s+been|had\s+been|got)\s+(?:\w+\s+)?killed\b", RegexOptions.Compiled),
        new(@"(?i)\b(?:killing|killed|kills)\s+" + PersonAfterVerb, RegexOptions.Compiled),
        new(@"(?i)\b" + Lead + N + @"\s+" + Who + @"(?:were|was|have\s+been|has\s+been|had\s+been|are|is|got)\s+(?:(?!and\b)\w+\s+)?killed\b", RegexOptions.Compiled),
        new(@"(?i)\b(?:killing|killed|kills)\s+" + Lead + N + @"\b(?!\s*(?:per\s*cent|percent|%|drones|missiles)\b)", RegexOptions.Compiled),
        new(@"(?i)\bleft\s+" + Lead + N + @"\s+(?:\w+\s+)?dead\b", RegexOptions.Compiled),
        new(@"(?i)\b" + Lead + N + @"\s+(?:\w+\s+)?(?:dead|died|deaths|fatalities|killed)\b", RegexOptions.Compiled),
        new(@"(?i)\bdeath\s+toll\s+(?:\w+\s+){0,3}?(?:to|at|of)\s+" + N + @"\b", RegexOptions.Compiled),
    ];

    private static readonly Regex[] Injured =
    [
        new(@"(?i)\b" + Person + @"\s+(?:was|has\s+been|had\s+been|got)\s+(?:\w+\s+)?(?:injured|wounded|hurt)\b", RegexOptions.Compiled),
        new(@"(?i)\b(?:injuring|wounding|injures|wounds|injured|wounded)\s+" + PersonAfterVerb, RegexOptions.Compiled),
        new(@"(?i)\b" + Lead + N + @"\s+" + Who + @"(?:were|was|have\s+been|has\s+been|had\s+been|are|is|got)?\s*(?:(?!and\b)\w+\s+)?(?:injured|wounded|hurt)\b", RegexOptions.Compiled),
        new(@"(?i)\b(?:injuring|wounding|injured|wounded)\s+" + Lead + N + @"\b(?!\s*(?:per\s*cent|percent|%))", RegexOptions.Compiled),
    ];

    private static readonly Regex NobodyHurt = new(@"(?i)\b(?:no\s+(?:one|casualties|injuries|victims)|nobody)\s+(?:was\s+|were\s+)?(?:hurt|injured|killed|reported)?", RegexOptions.Compiled);

    private static readonly (Regex Pattern, string Unit)[] Quantities =
    [
        (new(@"(?i)\b" + N + @"\s*(?:per\s*cent|percent|%)", RegexOptions.Compiled), "percent"),
        (new(@"(?i)\b(?:record\s+)?" + N + @"\s+(?:of\s+(?:the\s+)?[\d,]+\s+)?(?:[\w-]+\s+){0,2}?(?:drones|UAVs|Shaheds)\b", RegexOptions.Compiled), "drones"),
        (new(@"(?i)\b" + N + @"\s+(?:[\w-]+\s+){0,2}?missiles\b", RegexOptions.Compiled), "missiles"),
        (new(@"(?i)\b" + N + @"\s+(?:[\w-]+\s+){0,2}?(?:prisoners|POWs|captives|detainees)\b", RegexOptions.Compiled), "prisoners"),
        (new(@"(?i)\b" + N + @"\s+(?:[\w’'-]+\s+){0,3}?(?:bodies|remains)\b", RegexOptions.Compiled), "bodies"),
    ];

    // Searched for all at once (vectorised): string.Contains with OrdinalIgnoreCase, word by word,
    // takes a slow path under invariant globalization and was a tenth of the coder's time.
    private static readonly SearchValues<string> TollWords =
        SearchValues.Create(["kill", "dead", "died", "death", "injur", "wound", "hurt", "casualt", "nobody", "no one"], StringComparison.OrdinalIgnoreCase);

    // Each list of patterns needs one of its own words: a sentence of the injured alone skips the killed patterns.
    private static readonly SearchValues<string> KilledWords =
        SearchValues.Create(["kill", "dead", "died", "death", "fatalit"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> InjuredWords =
        SearchValues.Create(["injur", "wound", "hurt"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> NumberWords =
        SearchValues.Create(Numbers.Words.Keys.Where(w => w.Length > 2).ToArray(), StringComparison.OrdinalIgnoreCase);

    public static (int? Killed, int? Injured) Find(string sentence)
    {
        var text = sentence.AsSpan();
        if (!text.ContainsAny(TollWords)) return (null, null);
        var killed = text.ContainsAny(KilledWords) ? First(Killed, sentence) : null;
        var injured = text.ContainsAny(InjuredWords) ? First(Injured, sentence) : null;
        if (NobodyHurt.IsMatch(sentence))
        {
            killed ??= 0;
            injured ??= 0;
        }
        return (killed, injured);
    }

    /// <summary>The magnitude nearest after the trigger (or, failing that, anywhere in the sentence) in one of the units.</summary>
    public static Quantity? QuantityNear(string sentence, int from, IReadOnlyCollection<string> units)
    {
        // Quantities are written in digits or in number words; a sentence with neither has none.
        if (!sentence.AsSpan().ContainsAnyInRange('0', '9') && !sentence.AsSpan().ContainsAny(NumberWords)) return null;
        Quantity? best = null;
        var bestDistance = int.MaxValue;
        foreach (var (pattern, unit) in Quantities.Where(q => units.Contains(q.Unit)))
        {
            foreach (Match m in pattern.Matches(sentence))
            {
                var value = Numbers.Parse(m.Groups["n"].Value);
                if (value is null || value < 2 && unit != "percent") continue;
                var distance = m.Index >= from ? m.Index - from : (from - m.Index) * 2;
                if (distance < bestDistance)
                {
                    best = new Quantity(value.Value, unit);
                    bestDistance = distance;
                }
            }
        }
        return best;
    }

    private static int? First(Regex[] patterns, string sentence)
    {
        foreach (var pattern in patterns)
        {
            var m = pattern.Match(sentence);
            if (m.Success && m.Groups["one"].Success) return 1;
            if (m.Success && Numbers.Parse(m.Groups["n"].Value) is { } n) return n;
        }
        return null;
    }
}
