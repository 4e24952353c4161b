using System.Globalization;
using EventsApi.Core.Domain;

namespace EventsApi.Core.Dictionaries;

/// <summary>
/// The places of data/gazetteer/places.tsv (format in data/README.md), indexed by id and by the
/// folded key of every name and alias.
/// </summary>
public sealed class Gazetteer
{
    private readonly Dictionary<string, Place> byId;
    private readonly Dictionary<string, List<Place>> byKey;

    public Gazetteer(IEnumerable<Place> places)
    {
        byId = places.ToDictionary(p => p.Id);
        byKey = [];
        foreach (var place in byId.Values)
        {
            foreach (var key in place.Aliases.Prepend(place.Name).Select(NameKey.Fold).Distinct())
            {
                if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
                list.Add(place);
            }
        }
        LongestNameWords = byKey.Keys.Max(k => k.Count(c => c == ' ') + 1);
        KeyPrefixes = new NamePrefixes(byKey.Keys);
    }

    /// <summary>Every key and every run of its leading words: a name scan stops where no key continues.</summary>
    public NamePrefixes KeyPrefixes { get; }

    public static Gazetteer Load(string path) => new(TsvFile.Read(path).Select(r => new Place(
        r["id"],
        r["name"],
        WireNames.ParseWire<PlaceLevel>(r["level"]),
        r["country"],
        r.Optional("parent"),
        r.Optional("iso_code"),
        ParseCoordinate(r.Optional("latitude")),
        ParseCoordinate(r.Optional("longitude")),
        r.List("aliases"))));

    public int LongestNameWords { get; }

    public int Count => byId.Count;

    public Place? Find(string id) => byId.GetValueOrDefault(id);

    public IReadOnlyList<Place> Named(string name) =>
        byKey.TryGetValue(NameKey.Fold(name), out var list) ? list : [];

    public IReadOnlyList<Place> NamedByKey(string key) => byKey.TryGetValue(key, out var list) ? list : [];

    /// <summary>The place and everything that contains it, innermost first.</summary>
    public IEnumerable<Place> SelfAndAncestors(Place place)
    {
        for (Place? p = place; p is not null; p = p.ParentId is null ? null : Find(p.ParentId))
            yield return p;
    }

    public bool Contains(Place outer, Place inner) => SelfAndAncestors(inner).Any(p => p.Id == outer.Id);

    public ResolvedPlace Resolve(Place place)
    {
        var chain = SelfAndAncestors(place).ToList();
        var admin1 = chain.FirstOrDefault(p => p.Level == PlaceLevel.Admin1);
        var country = chain.FirstOrDefault(p => p.Level == PlaceLevel.Country);
        var precision = place.Level switch
        {
            PlaceLevel.Settlement => GeoPrecision.City,
            PlaceLevel.Admin1 => GeoPrecision.Admin1,
            _ => GeoPrecision.Country,
        };
        return new ResolvedPlace(place, admin1, country, precision);
    }

    private static double? ParseCoordinate(string? text) =>
        text is null ? null : double.Parse(text, CultureInfo.InvariantCulture);
}
