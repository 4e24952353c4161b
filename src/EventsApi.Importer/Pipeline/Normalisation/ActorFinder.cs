using System.Buffers;
using System.Text.RegularExpressions;
using EventsApi.Core.Dictionaries;
using EventsApi.Core.Domain;

namespace EventsApi.Importer.Pipeline.Normalisation;

/// <summary>
/// Codebook rule 6: actors from the dictionary, and officials the dictionary lacks, kept under the
/// name the text gives them ("regional governor Ivan Petrov") with the country a demonym before
/// them makes clear.
/// </summary>
public sealed partial class ActorFinder(ActorDictionary dictionary)
{
    public List<ActorMention> Find(string sentence, IReadOnlyList<(int Start, int End)> tokens)
    {
        var spans = NameScanner.Scan(sentence, tokens, Math.Min(dictionary.LongestNameWords, 7), dictionary.KeyPrefixes, (surface, key) =>
            dictionary.NamedByKey(key) is not null && CaseFits(surface));
        var mentions = spans.Select(s => new ActorMention(s.Start, s.Length, s.Surface, dictionary.NamedByKey(s.Key)!)).ToList();
        mentions.AddRange(HyphenatedPairs(sentence, tokens, mentions));
        mentions.AddRange(UnknownOfficials(sentence, mentions));
        mentions.AddRange(DemonymSides(sentence, tokens, mentions));
        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        return WithoutTitles(sentence, mentions);
    }

    /// <summary>
    /// "Russia-Ukraine talks", "a Putin-Zelensky meeting", "Russian-Ukrainian exchange": one word naming
    /// two actors. Every part must be a name or a demonym ("Russian-installed" names nobody).
    /// </summary>
    private IEnumerable<ActorMention> HyphenatedPairs(string sentence, IReadOnlyList<(int Start, int End)> tokens, List<ActorMention> known)
    {
        foreach (var (start, end) in tokens)
        {
            var word = sentence.AsSpan(start, end - start);
            if (word.IndexOf('-') <= 0 || !char.IsUpper(word[0]) || known.Any(k => k.Start < end && start < k.End)) continue;
            var parts = new List<ActorMention>();
            var offset = start;
            foreach (var part in sentence[start..end].Split('-'))
            {
                var actor = part.Length > 0 && char.IsUpper(part[0])
                    ? (CaseFits(part) ? dictionary.NamedByKey(NameKey.Fold(part)) : null) ?? dictionary.ByDemonym.GetValueOrDefault(part)
                    : null;
                if (actor is null) break;
                parts.Add(new ActorMention(offset, part.Length, part, actor));
                offset += part.Length + 1;
            }
            if (parts.Count >= 2 && offset == end + 1) foreach (var mention in parts) yield return mention;
        }
    }

    /// <summary>Short names ("US", "UN", "AP") count only in capitals, so "us" and "Ap" are not actors.</summary>
    private static bool CaseFits(ReadOnlySpan<char> surface)
    {
        var letters = 0;
        var lower = false;
        foreach (var c in surface)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            lower |= !char.IsUpper(c);
        }
        return letters > 3 || !lower || surface is "Kim" or "Xi";
    }

    private IEnumerable<ActorMention> UnknownOfficials(string sentence, List<ActorMention> known)
    {
        if (!sentence.AsSpan().ContainsAny(TitleWords)) yield break;
        foreach (Match m in OfficialPattern.Matches(sentence))
        {
            var name = m.Groups["name"];
            if (known.Any(k => k.Start < name.Index + name.Length && name.Index < k.End)) continue;
            var country = known.LastOrDefault(k => k.End <= name.Index && name.Index - k.End < 40 && k.Actor.Kind == ActorKind.State)?.Actor.CountryCode;
            var id = "unknown:" + NameKey.Fold(name.Value).Replace(' ', '-');
            var actor = new Actor(id, name.Value, ActorKind.Person, country, country, [], m.Groups["title"].Value.ToLowerInvariant(), Known: false);
            yield return new ActorMention(name.Index, name.Length, name.Value, actor);
        }
    }

    /// <summary>
    /// "Ukrainian and Russian delegations", "Turkish officials": demonyms naming a side before a
    /// word for its people. Bare demonyms elsewhere ("a Ukrainian region") are not actors.
    /// </summary>
    private static readonly HashSet<string> SideNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "delegation", "delegations", "negotiator", "negotiators", "official", "officials", "authorities", "side", "sides",
        "team", "teams", "government", "governments", "leader", "leaders", "counterpart", "counterparts", "diplomat", "diplomats",
        "prisoners", "POWs", "infrastructure", "facilities", "facility", "energy", "cities", "towns", "villages", "territory",
    };

    private static readonly HashSet<string> MilitaryNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "troops", "forces", "soldiers", "military", "army", "servicemen", "drone", "drones", "missile", "missiles", "bomb", "bombs",
        "shell", "shells", "artillery", "aircraft", "jet", "jets", "helicopter", "helicopters", "warplane", "warplanes", "bomber",
        "bombers", "tank", "tanks", "shelling", "strike", "strikes", "attack", "attacks", "ship", "ships", "warship", "warships",
        "vessel", "vessels", "boat", "boats", "submarine", "position", "positions", "units", "convoy", "airbase", "airfield", "depot", "fighters",
        "airstrike", "airstrikes", "UAV", "UAVs", "FPV", "infantry", "saboteurs", "partisans", "paratroopers", "marines",
        "mercenaries", "special", "officer", "officers", "aviation", "commander", "commanders", "raid", "raids", "bombardment", "barrage", "offensive", "assault", "assaults", "glide",
        "unmanned", "kamikaze", "mortar", "mortars", "rocket", "rockets", "fire", "gunfire", "MLRS", "howitzer", "howitzers",
        "munition", "munitions", "system", "systems", "Lancet", "Lancets", "Shahed", "Shaheds", "Geran", "Iskander", "Iskanders",
        "Kalibr", "Kalibrs", "Kinzhal", "Kinzhals", "grenade", "grenades", "guards", "border", "sabotage", "reconnaissance",
    };

    private IEnumerable<ActorMention> DemonymSides(string sentence, IReadOnlyList<(int Start, int End)> tokens, List<ActorMention> known)
    {
        string Word(int k) => sentence[tokens[k].Start..tokens[k].End];
        for (var i = 0; i < tokens.Count; i++)
        {
            // A list of demonyms ("Ukrainian and Russian", "US, French and British"), each one or two words.
            // Demonyms are capitalised (and looked up as written): other words are never one.
            if (!char.IsUpper(sentence[tokens[i].Start])) continue;
            var run = new List<(int Start, int End, Actor State)>();
            var k = i;
            while (k < tokens.Count && char.IsUpper(sentence[tokens[k].Start]))
            {
                var two = k + 1 < tokens.Count ? dictionary.ByDemonym.GetValueOrDefault(Word(k) + " " + Word(k + 1)) : null;
                var one = dictionary.ByDemonym.GetValueOrDefault(Word(k));
                if (two is null && one is null) break;
                var last = two is null ? k : k + 1;
                run.Add((tokens[k].Start, tokens[last].End, two ?? one!));
                k = last + 1;
                if (k < tokens.Count && Word(k) is "and" or "&") k++;
            }
            if (run.Count == 0) continue;
            // The people of that side: a noun right after the list, or within two more words for weapons ("Russian Shahed drone").
            var military = false;
            var side = false;
            for (var n = k; n < Math.Min(tokens.Count, k + 3) && !side && !military; n++)
            {
                side = n == k && SideNouns.Contains(Word(n));
                // "Iskander-M", "Shahed-136": the weapon's name before its model.
                var word = Word(n);
                military = MilitaryNouns.Contains(word) || word.IndexOf('-') is > 0 and var dash && MilitaryNouns.Contains(word[..dash]);
            }
            if (side || military)
            {
                foreach (var (start, end, state) in run)
                {
                    if (known.Any(m => m.Start < end && start < m.End)) continue;
                    // "a Russian Shahed drone": the weapon is the state's armed forces acting.
                    var actor = military ? dictionary.All.FirstOrDefault(a => a.Kind == ActorKind.ArmedForces && a.ParentId == state.Id) ?? state : state;
                    yield return new ActorMention(start, end - start, sentence[start..end], actor);
                }
            }
            i = k - 1;
        }
    }

    /// <summary>
    /// "French President Emmanuel Macron", "Kremlin spokesman Dmitry Peskov": a mention followed
    /// closely by one of the actors under it is a title, not a second actor.
    /// </summary>
    private List<ActorMention> WithoutTitles(string sentence, List<ActorMention> mentions)
    {
        var kept = new List<ActorMention>();
        for (var i = 0; i < mentions.Count; i++)
        {
            var current = mentions[i];
            if (i + 1 < mentions.Count)
            {
                var next = mentions[i + 1];
                var gap = sentence[current.End..next.Start];
                var chain = next.Actor.Known ? dictionary.SelfAndAncestors(next.Actor).Select(a => a.Id) : [next.Actor.CountryCode ?? ""];
                if (gap.Length <= 40 && !gap.Contains(',') && TitleGap().IsMatch(gap) && chain.Contains(current.Actor.Id)) continue;
            }
            kept.Add(current);
        }
        return kept;
    }

    /// <summary>Only title words between a country or body and the person it describes.</summary>
    [GeneratedRegex(@"^(?:['’]s)?(?:\s+(?:special|deputy|foreign|defen[cs]e|prime|vice|chief|former|acting|local|regional|state|the|of|to|for|military|presidential|senior|top|[A-Z][a-z]+|president|minister|envoy|spokesman|spokeswoman|spokesperson|secretary|leader|head|governor|mayor|chancellor|aide|adviser|advisor|commander|ambassador|official|negotiator|press))*\s+$")]
    private static partial Regex TitleGap();

    private static readonly string[] Titles =
    [
        "governor", "spokesman", "spokeswoman", "spokesperson", "minister", "envoy", "mayor", "commander", "chief", "official",
        "ambassador", "adviser", "advisor", "aide", "negotiator", "head", "leader", "secretary", "president", "chairman",
    ];

    // Every sentence whose names are read is searched for a title first: one vectorised search, where the
    // pattern tried each word starting with one of the titles' letters (it was the coder's costliest regex).
    private static readonly SearchValues<string> TitleWords = SearchValues.Create(Titles, StringComparison.OrdinalIgnoreCase);

    private static readonly Regex OfficialPattern = new(
        @"\b(?<title>(?i:" + string.Join('|', Titles) + @"))\s+(?<name>\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+){1,2})\b",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);
}
