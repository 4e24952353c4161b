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
    public List<ActorMention> Find(string sentence)
    {
        var spans = NameScanner.Scan(sentence, Math.Min(dictionary.LongestNameWords, 7), (surface, key) =>
            dictionary.NamedByKey(key) is not null && CaseFits(surface));
        var mentions = spans.Select(s => new ActorMention(s.Start, s.Length, s.Surface, dictionary.NamedByKey(s.Key)!)).ToList();
        mentions.AddRange(UnknownOfficials(sentence, mentions));
        mentions.AddRange(DemonymSides(sentence, mentions));
        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        return WithoutTitles(sentence, mentions);
    }

    /// <summary>Short names ("US", "UN", "AP") count only in capitals, so "us" and "Ap" are not actors.</summary>
    private static bool CaseFits(string surface)
    {
        var letters = surface.Where(char.IsLetter).ToArray();
        return letters.Length > 3 || letters.All(char.IsUpper) || surface is "Kim" or "Xi";
    }

    private IEnumerable<ActorMention> UnknownOfficials(string sentence, List<ActorMention> known)
    {
        foreach (Match m in OfficialPattern().Matches(sentence))
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
    private IEnumerable<ActorMention> DemonymSides(string sentence, List<ActorMention> known)
    {
        var pattern = DemonymPattern.Value;
        foreach (Match m in pattern.Matches(sentence))
        {
            var military = m.Groups["military"].Success;
            foreach (Capture c in m.Groups["d"].Captures)
            {
                if (known.Any(k => k.Start < c.Index + c.Length && c.Index < k.End)) continue;
                var state = dictionary.ByDemonym[c.Value];
                // "a Russian Shahed drone": the weapon is the state's armed forces acting.
                var actor = military ? dictionary.All.FirstOrDefault(a => a.Kind == ActorKind.ArmedForces && a.ParentId == state.Id) ?? state : state;
                yield return new ActorMention(c.Index, c.Length, c.Value, actor);
            }
        }
    }

    private Lazy<Regex> DemonymPattern => new(() =>
    {
        var names = string.Join("|", dictionary.ByDemonym.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape));
        return new Regex($@"\b(?<d>{names})(?:\s*(?:,|and|&)\s*(?<d>{names}))*\s+(?:(?:delegations?|negotiators?|officials?|authorities|sides?|teams?|governments?|leaders?|counterparts?|diplomats?|prisoners|POWs)|(?<military>(?:[\w-]+\s+){{0,2}}?(?:troops|forces|soldiers|military|army|servicemen|drones?|missiles?|bombs?|shells?|artillery|aircraft|jets?|helicopters?|warplanes?|bombers?|tanks?|shelling|strikes?|attacks?)))\b");
    });

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

    [GeneratedRegex(@"\b(?<title>(?i:governor|spokesman|spokeswoman|spokesperson|minister|envoy|mayor|commander|chief|official|ambassador|adviser|advisor|aide|negotiator|head|leader|secretary|president|chairman))\s+(?<name>\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+){1,2})\b")]
    private static partial Regex OfficialPattern();
}
