using System.Text.RegularExpressions;
using EventsApi.Core.Dictionaries;
using EventsApi.Core.Domain;

namespace EventsApi.Importer.Pipeline.Normalisation;

/// <summary>
/// How place names next to each other locate one another: "Vuhledar (Donetsk)", "Niu-York (Toretsk,
/// Donetsk)", "Kapotnya, Moscow", "Andriivka near Bakhmut", "the village of Zoriane, west of Vuhledar",
/// "Kherson's Dniprovskyi district", "Starytsia and Hlyboke in Kharkiv oblast". A name that only says where another lies narrows it and is not a second location; a
/// village the gazetteer has only elsewhere is one it lacks, and its region stands for it.
/// </summary>
public sealed partial class NeighbouringPlaces(Gazetteer gazetteer)
{
    /// <summary>Narrows, marks (PlaceMention.QualifiesAt) or removes the sentence's mentions, in order.</summary>
    public void Resolve(string sentence, List<PlaceMention> mentions)
    {
        DropRaionsInBrackets(sentence, mentions);
        Qualify(sentence, mentions);
        Landmarks(sentence, mentions);
        KeepDistrictsOfNamedPlaces(sentence, mentions);
    }

    /// <summary>
    /// "Niu-York (Toretsk, Donetsk)", "Vysokopillia (Beryslav, Kherson)": ACLED's (raion, oblast) after a
    /// place. The raion, often named after its town, only says where the place is: it is not a second
    /// location. The oblast is left for Qualify, which reads the whole bracket as a bracket.
    /// </summary>
    private static void DropRaionsInBrackets(string sentence, List<PlaceMention> mentions)
    {
        for (var i = mentions.Count - 2; i >= 0; i--)
        {
            // The place before the bracket may be one the gazetteer lacks ("Vremivka (Volnovakha, Donetsk)").
            var (raion, oblast) = (mentions[i], mentions[i + 1]);
            var placeEnd = i > 0 ? mentions[i - 1].End : 0;
            var before = sentence.AsSpan(placeEnd, raion.Start - placeEnd);
            if ((BracketBetween().IsMatch(before) && i > 0 || NameAndBracket().IsMatch(before))
                && CommaBetween().IsMatch(sentence.AsSpan(raion.End, oblast.Start - raion.End))
                && ClosingBracketAfter().IsMatch(sentence.AsSpan(oblast.End)))
                mentions.RemoveAt(i);
        }
    }

    /// <summary>
    /// Pairs of adjacent names. "Vuhledar (Donetsk)", "Kapotnya, Moscow", "Pokrovsk, Ukraine": a
    /// region or country right after a place says where that place is. It narrows both names (the
    /// oblast, not the city of Donetsk; the Pokrovsk inside it) and is not a second location. After a
    /// comma it must contain the place or say "oblast", so that a list ("Lviv, Odesa and Kyiv") stays
    /// a list; a bracket always qualifies. Also "Kherson's X", "the Moscow suburb of X", "X and Y in
    /// Z oblast", "the Tambov plant in Kotovsk", and "Krasna Hora" (two names, one unknown place).
    /// </summary>
    private void Qualify(string sentence, List<PlaceMention> mentions)
    {
        for (var i = 1; i < mentions.Count; i++)
        {
            var (place, region) = (mentions[i - 1], mentions[i]);
            var between = sentence.AsSpan(place.End, region.Start - place.End);
            if (between is " ")
            {
                // "Krasna Hora": two known names in a row are one name the gazetteer lacks, not two places.
                mentions.RemoveRange(i - 1, 2);
                i = Math.Max(i - 2, 0);
                continue;
            }
            // (The scanner may take the "'s" into the name before.)
            if (between.Length <= 3 && Possessive().IsMatch(sentence.AsSpan(place.Start, region.Start - place.Start)))
            {
                // "Kherson's Dniprovskyi district": a part of the place before, or (not in the gazetteer) nothing.
                var parts = region.Candidates.Where(c => place.Candidates.Any(p => p.Id != c.Id && gazetteer.Contains(p, c))).ToList();
                if (parts.Count > 0)
                {
                    mentions[i] = region with { Candidates = parts };
                    mentions[i - 1] = place with { QualifiesAt = region.Start };
                }
                else mentions.RemoveAt(i--);
                continue;
            }
            var regionHolds = region.Candidates.Any(r => r.Level == PlaceLevel.Admin1 && place.Candidates.Any(p => gazetteer.Contains(r, p)));
            if (AttributiveBetween().IsMatch(between) && !regionHolds
                && (PlaceFinder.TheBefore().IsMatch(sentence.AsSpan(0, place.Start)) || region.NamedAsRegion))
            {
                // "the Tambov gunpowder plant in Kotovsk", "Belaya air base in Irkutsk oblast" (a Belaya elsewhere):
                // the first name only names the plant or base. ("The Millerovo airbase in Rostov oblast" is in
                // Millerovo: the region around it says so.)
                mentions.RemoveAt(--i);
                continue;
            }
            if (SuburbBetween().IsMatch(between))
            {
                // "the Moscow suburb of Krasnogorsk": the city only locates the suburb.
                mentions[i - 1] = place with { QualifiesAt = region.Start };
                continue;
            }
            var areas = region.Candidates.Where(c => c.Level is PlaceLevel.Admin1 or PlaceLevel.Country).ToList();
            if (InBetween().IsMatch(between) && region.NamedAsRegion && areas.Count > 0)
            {
                i -= NarrowListTo(sentence, mentions, i, areas);
                continue;
            }
            var bracket = BracketBetween().IsMatch(between) || RaionBracketBetween().IsMatch(between);
            if (!bracket && !CommaBetween().IsMatch(between)) continue;
            var containing = areas.Where(a => place.Candidates.Any(p => p.Id != a.Id && gazetteer.Contains(a, p))).ToList();
            // "Orlivka, Donetsk oblast" says region as plainly as a bracket does.
            var saysRegion = bracket || RegionWordIn().IsMatch(region.Surface);
            if (containing.Count == 0 && !(saysRegion && areas.Count > 0)) continue;
            if (containing.Count == 0)
            {
                // "Hroza (Kharkiv)" where the gazetteer knows only another Hroza: a village it lacks, in that region.
                mentions[i] = region with { Candidates = areas, NamedAsRegion = true };
                mentions.RemoveAt(--i);
                continue;
            }
            var inside = place.Candidates.Where(p => containing.Any(a => a.Id != p.Id && gazetteer.Contains(a, p))).ToList();
            mentions[i] = region with { Candidates = containing, NamedAsRegion = true, QualifiesAt = place.Start };
            mentions[i - 1] = place with { Candidates = inside };
        }
    }

    /// <summary>
    /// "Andriivka near Bakhmut", "Stepove, north of Avdiivka (Donetsk)": the second place only locates
    /// the first, which lies in its region. One the gazetteer has only elsewhere is a village it lacks:
    /// the event is in the landmark's region, not at the landmark.
    /// </summary>
    private void Landmarks(string sentence, List<PlaceMention> mentions)
    {
        for (var i = 1; i < mentions.Count; i++)
        {
            var (place, landmark) = (mentions[i - 1], mentions[i]);
            if (!LandmarkBetween().IsMatch(sentence.AsSpan(place.End, landmark.Start - place.End))) continue;
            var nearby = place.Candidates.Where(p => landmark.Candidates.Any(r => SameRegion(p, r))).ToList();
            if (nearby.Count > 0)
            {
                mentions[i - 1] = place with { Candidates = nearby };
                mentions[i] = landmark with { QualifiesAt = place.Start };
                continue;
            }
            var regions = RegionsOf(landmark);
            if (regions.Count == 0) continue;
            mentions[i] = landmark with { Candidates = regions, NamedAsRegion = true };
            mentions.RemoveAt(--i);
        }
        // "the village of Zoriane, west of Vuhledar": a name the gazetteer lacks at all, located by a landmark.
        for (var i = 0; i < mentions.Count; i++)
        {
            var landmark = mentions[i];
            var unknown = UnknownNameNear().Match(sentence, 0, landmark.Start);
            if (!unknown.Success || mentions.Any(o => o.Start < landmark.Start && o.End > unknown.Groups["name"].Index)) continue;
            var regions = RegionsOf(landmark);
            if (regions.Count > 0) mentions[i] = landmark with { Candidates = regions, NamedAsRegion = true };
        }
    }

    private List<Place> RegionsOf(PlaceMention mention) =>
        mention.Candidates.Select(c => gazetteer.Resolve(c).Admin1).OfType<Place>().DistinctBy(r => r.Id).ToList();

    /// <summary>
    /// "the Kherson city districts of Korabelnyi and Dniprovskyi", "Kyiv's Dniprovskyi district": a city
    /// district lies in the region of the other places named; a namesake elsewhere is not it.
    /// </summary>
    private void KeepDistrictsOfNamedPlaces(string sentence, List<PlaceMention> mentions)
    {
        for (var i = mentions.Count - 1; i >= 0; i--)
        {
            var mention = mentions[i];
            var district = DistrictAfter().IsMatch(sentence.AsSpan(mention.End)) || DistrictsOfBefore().IsMatch(sentence.AsSpan(0, mention.Start));
            if (!district) continue;
            var others = mentions.Where(o => o != mention).SelectMany(o => o.Candidates).ToList();
            if (others.Count == 0) continue;
            var near = mention.Candidates.Where(c => others.Any(o => o.Id != c.Id && SameRegion(c, o))).ToList();
            if (near.Count > 0) mentions[i] = mention with { Candidates = near };
            else mentions.RemoveAt(i);
        }
    }

    /// <summary>
    /// "near Starytsia and Hlyboke in Kharkiv oblast": each listed place lies in the region; one
    /// the gazetteer has only elsewhere is a village it lacks, and the region stands for it.
    /// Returns how many mentions before the region were removed.
    /// </summary>
    private int NarrowListTo(string sentence, List<PlaceMention> mentions, int regionIndex, List<Place> areas)
    {
        var removed = 0;
        for (var k = regionIndex - 1; k >= 0; k--)
        {
            var place = mentions[k];
            var inside = place.Candidates.Where(p => areas.Any(a => a.Id != p.Id && gazetteer.Contains(a, p))).ToList();
            var listed = k > 0 && ListJoins(sentence.AsSpan(mentions[k - 1].End, place.Start - mentions[k - 1].End));
            if (inside.Count > 0) mentions[k] = place with { Candidates = inside };
            else if (place.Candidates.All(p => p.Level == PlaceLevel.Settlement))
            {
                mentions.RemoveAt(k);
                removed++;
            }
            if (!listed) break;
        }
        return removed;
    }

    /// <summary>What joins the names of a list: ", ", " and ", ", and ".</summary>
    public static bool ListJoins(ReadOnlySpan<char> between) => ListJoin().IsMatch(between);

    private bool SameRegion(Place a, Place b) =>
        gazetteer.Resolve(a).Admin1 is { } region && gazetteer.Resolve(b).Admin1?.Id == region.Id;

    [GeneratedRegex(@"^\s*(?:(?:city|town|village|settlement)\s*)?\(\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex BracketBetween();

    /// <summary>"Niu-York (Toretsk, " before the oblast: a bracket that begins with the raion.</summary>
    [GeneratedRegex(@"^\s*(?:(?:city|town|village|settlement)\s*)?\(\s*[\p{L}'’ -]{1,40},\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RaionBracketBetween();

    [GeneratedRegex(@"\p{Lu}[\p{L}'’-]+\s*\(\s*$")]
    private static partial Regex NameAndBracket();

    [GeneratedRegex(@"^\s*\)")]
    private static partial Regex ClosingBracketAfter();

    [GeneratedRegex(@"^,?\s+(?:(?:just\s+|some\s+)?(?:near|outside|close\s+to)|(?:[\w-]+\s+)?(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex LandmarkBetween();

    /// <summary>A capitalised name after "the village of", "captured", "in" ..., then "near" or "west of": the landmark follows.</summary>
    [GeneratedRegex(@"(?:\b(?:village|town|settlement|hamlet)\s+of|\b(?:in|at|captured|took|seized|liberated|entered|retook|recaptured|reached))\s+(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)(?<name>\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?),?\s+(?:(?:just\s+|some\s+)?(?:near|outside|close\s+to)|(?:[\w-]+\s+)?(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$", RegexOptions.RightToLeft)]
    private static partial Regex UnknownNameNear();

    [GeneratedRegex(@"^\s+(?:[a-z][\w-]*\s+){1,3}(?:in|at|near)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$")]
    private static partial Regex AttributiveBetween();

    [GeneratedRegex(@"^\s+(?:district|raion|neighbourhood|neighborhood|microdistrict)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DistrictAfter();

    [GeneratedRegex(@"\bdistricts?\s+of\s+(?:(?:the\s+)?\p{Lu}[\p{L}'’-]+(?:,\s*|\s+and\s+))*$", RegexOptions.IgnoreCase)]
    private static partial Regex DistrictsOfBefore();

    [GeneratedRegex(@"^\s+(?:suburbs?|outskirts|district|neighbourhood|neighborhood)\s+of\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex SuburbBetween();

    [GeneratedRegex(@"['’]s\s+$")]
    private static partial Regex Possessive();

    [GeneratedRegex(@"\s(?:oblast|region|province|krai|kray|republic)$", RegexOptions.IgnoreCase)]
    private static partial Regex RegionWordIn();

    [GeneratedRegex(@"^\s*,\s*$")]
    private static partial Regex CommaBetween();

    [GeneratedRegex(@"^\s+in\s+(?:the\s+)?$")]
    private static partial Regex InBetween();

    [GeneratedRegex(@"^\s*(?:,\s*(?:and\s+)?|and\s+)$")]
    private static partial Regex ListJoin();
}
