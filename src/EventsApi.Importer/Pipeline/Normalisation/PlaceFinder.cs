using System.Text.RegularExpressions;
using EventsApi.Core.Dictionaries;
using EventsApi.Core.Domain;

namespace EventsApi.Importer.Pipeline.Normalisation;

/// <summary>
/// Codebook rule 5: place names from the gazetteer, and the choice among places of the same name
/// by context: a containing region or country named nearby, then the front (Ukraine, then Russia),
/// then prominence (a region's namesake city), then the id.
/// </summary>
public sealed partial class PlaceFinder(Gazetteer gazetteer)
{
    private readonly NeighbouringPlaces neighbours = new(gazetteer);

    /// <summary>Capitalised English words that are also the names of small places somewhere.</summary>
    private static readonly HashSet<string> CommonWords = new string[]
    {
        "the", "a", "an", "in", "on", "at", "as", "it", "he", "she", "they", "we", "but", "and", "or", "if", "this", "that", "mr", "mrs",
        "president", "minister", "prime", "state", "states", "may", "march", "august", "will", "mark", "victoria", "progress", "energy",
        "liberty", "pioneer", "victory", "peace", "union", "friendship", "hope", "red", "white", "black", "green", "central",
        "north", "south", "east", "west", "new", "old", "great", "mir", "druzhba", "zaria", "pobeda", "oktiabr", "lenin", "sovetski",
        "ukrainian", "russian", "war", "army", "forces", "navy", "air", "defence", "defense", "security", "council", "office",
        "general", "governor", "mayor", "head", "reuters", "analysis", "asked", "during", "forces", "however", "earlier", "later",
        "kim", "nato", "west", "western", "trump", "putin", "kremlin", "kellogg", "peskov", "macron", "telegram", "x", "un", "eu",
        "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "orwellian", "moscow times", "leader", "troops",
        "bay", "strait", "sea", "spit", "lake", "river", "island", "gulf", "cape", "mount", "port", "harbour", "harbor", "dam", "bridge",
    }.Select(NameKey.Fold).ToHashSet(StringComparer.Ordinal); // compared with folded keys ("may" -> "mai")

    private static int Letters(ReadOnlySpan<char> text)
    {
        var letters = 0;
        foreach (var c in text) if (char.IsLetter(c)) letters++;
        return letters;
    }

    public List<PlaceMention> Find(string sentence, IReadOnlyList<(int Start, int End)> tokens)
    {
        var spans = NameScanner.Scan(sentence, tokens, Math.Min(gazetteer.LongestNameWords, 6), gazetteer.KeyPrefixes,
            (surface, key) => !CommonWords.Contains(key) && Letters(surface) >= 3 && gazetteer.NamedByKey(key).Count > 0);
        var mentions = new List<PlaceMention>();
        foreach (var span in spans)
        {
            var candidates = gazetteer.NamedByKey(span.Key);
            var before = sentence.AsSpan(0, span.Start);
            var after = sentence.AsSpan(span.End);
            // "Malaya Loknya", "Velyka Pysarivka": a known name after "little", "great", "new" or "upper" is
            // part of a longer name; had the gazetteer that place, the scanner would have taken the whole name.
            if (CompoundPrefixBefore().IsMatch(before)) continue;
            // "the Vostok group of forces", "Minsk said": a unit's or a government's name, not where anything
            // happened (but in "residents of Nikopol reported" Nikopol is a place). "Drones launched from
            // Kursk": where they came from, not where they struck.
            if (NotAPlaceAfter().IsMatch(after) || SpeaksAfter().IsMatch(after) && !OfBefore().IsMatch(before)
                || LaunchedFromBefore().IsMatch(before)) continue;
            // "the left bank of the Dnipro": a town's name after "the" and before nothing attributive is the river.
            if (TheBefore().IsMatch(before) && RiverAfter().IsMatch(after)
                && candidates.All(c => c.Level == PlaceLevel.Settlement)) continue;
            // "Bilohorivka, Luhansk", "Zarichne (Donetsk)": a region after a name the gazetteer lacks
            // and a comma or bracket is the region that place lies in. After a known place, Qualify decides.
            var nameBefore = NameAndComma().Match(sentence, 0, span.Start);
            var afterName = nameBefore.Success && !(mentions.Count > 0 && mentions[^1].End > nameBefore.Index)
                && candidates.Any(c => c.Level == PlaceLevel.Admin1);
            var namedAsRegion = RegionWordAfter().IsMatch(after) || RegionalList().IsMatch(after) || afterName
                || candidates.All(c => c.Level != PlaceLevel.Settlement);
            var length = span.Length;
            // "Kharkiv oblast", "Donetsk region": the region word belongs to the name.
            var regionWord = RegionWordAfter().Match(sentence, span.End, sentence.Length - span.End);
            if (regionWord.Success && candidates.Any(c => c.Level == PlaceLevel.Admin1)) length += regionWord.Length;
            // "Donetsk governor Vadym Filashkin", "the Zaporizhzhia regional administration": a region's office.
            if (RegionalOfficeAfter().IsMatch(after) && candidates.Where(c => c.Level == PlaceLevel.Admin1).ToList() is { Count: > 0 } regions)
            {
                mentions.Add(new PlaceMention(span.Start, span.Length, span.Surface, regions, NamedAsRegion: true, Context: PlaceContext.Office));
                continue;
            }
            // "in the Kupiansk sector", "on the Pokrovsk axis": the front near that town.
            if (SectorAfter().IsMatch(after))
            {
                mentions.Add(new PlaceMention(span.Start, span.Length, span.Surface, candidates, NamedAsRegion: false, Context: PlaceContext.Sector));
                continue;
            }
            mentions.Add(new PlaceMention(span.Start, length, sentence.Substring(span.Start, length), candidates, namedAsRegion));
        }
        neighbours.Resolve(sentence, mentions);
        return mentions;
    }

    /// <summary>
    /// Picks one gazetteer entry for a mention. Context: places already resolved in this sentence
    /// and document, innermost first. preferRegion: the event is about a region (a territorial claim).
    /// </summary>
    public Place Choose(PlaceMention mention, IReadOnlyList<Place> context, bool preferRegion)
    {
        var candidates = mention.Candidates;
        if (candidates.Count == 1) return candidates[0];

        IEnumerable<Place> pool = candidates;
        var wantRegion = mention.NamedAsRegion || preferRegion;
        var regions = candidates.Where(c => c.Level == PlaceLevel.Admin1).ToList();
        var settlements = candidates.Where(c => c.Level == PlaceLevel.Settlement).ToList();
        if (wantRegion && regions.Count > 0) pool = regions;
        else if (!wantRegion && settlements.Count > 0 && regions.Count > 0 && mention.NamedAsRegion is false) pool = settlements.Concat(regions.Where(r => !settlements.Any(s => s.ParentId == r.Id)));

        var list = pool.ToList();
        foreach (var near in context)
        {
            var inside = list.Where(c => c.Id != near.Id && gazetteer.Contains(near, c)).ToList();
            if (inside.Count > 0)
            {
                list = inside;
                break;
            }
        }
        return list
            // "the Kyiv, Odesa and Mykolaiv regions": the oblast, not the capital with a region's status.
            .OrderBy(c => wantRegion && c.Level == PlaceLevel.Admin1 && !c.Aliases.Any(a => a.EndsWith(" region", StringComparison.Ordinal)) ? 1 : 0)
            .ThenBy(c => c.CountryCode switch { "UKR" => 0, "RUS" => 1, "BLR" => 2, _ => 3 })
            .ThenBy(c => c.Level == PlaceLevel.Settlement ? 0 : 1)
            .ThenBy(c => IsRegionalCentre(c) ? 0 : 1)
            .ThenBy(c => c.Id.Contains('~') ? 1 : 0)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .First();
    }

    private bool IsRegionalCentre(Place place) =>
        place.Level == PlaceLevel.Settlement && place.ParentId is not null && gazetteer.Find(place.ParentId) is { } parent
        && NameKey.Fold(parent.Name).StartsWith(NameKey.Fold(place.Name), StringComparison.Ordinal);

    [GeneratedRegex(@"\p{Lu}[\p{L}'’-]+(?:,|\s*\()\s*$", RegexOptions.RightToLeft)]
    private static partial Regex NameAndComma();

    [GeneratedRegex(@"\bthe\s+$", RegexOptions.IgnoreCase)]
    internal static partial Regex TheBefore();

    [GeneratedRegex(@"\b(?:launched|fired|flew|flying|took\s+off|came)\s+from\s+(?:the\s+)?(?:(?:direction|territory|area)\s+of\s+)?(?:\p{Lu}[\p{L}'’-]+\s+(?:and|or)\s+)?$", RegexOptions.IgnoreCase | RegexOptions.RightToLeft)]
    private static partial Regex LaunchedFromBefore();

    [GeneratedRegex(@"\b(?:of|in|at|near|from|outside)\s+$", RegexOptions.IgnoreCase | RegexOptions.RightToLeft)]
    private static partial Regex OfBefore();

    [GeneratedRegex(@"^\s+(?:group\s+of\s+forces|grouping|battlegroup)\b")]
    private static partial Regex NotAPlaceAfter();

    [GeneratedRegex(@"^\s+(?:said|says|claimed|claims|reported|announced|denied|denies)\b")]
    private static partial Regex SpeaksAfter();

    [GeneratedRegex(@"^(?:['’]s|\s+(?:region|oblast)['’]s)?\s+(?:governor\b|(?:regional|oblast)\s+(?:military\s+|state\s+)?(?:administration|authorities|governor|prosecutor|police|council)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex RegionalOfficeAfter();

    [GeneratedRegex(@"^\s+(?:(?:operational\s+)?direction|sector|axis|front)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SectorAfter();

    [GeneratedRegex(@"\b(?:Malaya|Maly|Malyi|Maloye|Mala|Male|Malyy|Bolshaya|Bolshoy|Bolshoye|Velyka|Velykyi|Velyki|Velyke|Nova|Novyi|Nove|Novaya|Novyy|Novoye|Stara|Staryi|Staraya|Staryy|Verkhnia|Verkhnii|Verkhniy|Nyzhnia|Nyzhnii|Nizhniy|Nizhnyaya|Krasnyi|Krasnaya)\s+$")]
    private static partial Regex CompoundPrefixBefore();

    [GeneratedRegex(@"^(?:\s*$|\s*[,.;:)]|\s+(?:river|River|reservoir|Reservoir|in|on|and|near|to)\b)")]
    private static partial Regex RiverAfter();


    [GeneratedRegex(@"^\s+(?:region|oblast|Oblast|Region|province|Province|krai|Krai|republic|Republic)\b")]
    private static partial Regex RegionWordAfter();

    /// <summary>"Donetsk, Kherson and Zaporizhzhia regions": a list that ends in a plural region word.</summary>
    [GeneratedRegex(@"^(?:\s*(?:,|and|&)\s*[\p{Lu}][\p{L}'’-]+(?:\s[\p{Lu}][\p{L}'’-]+)?)*\s+(?:regions|oblasts|provinces)\b")]
    private static partial Regex RegionalList();
}
