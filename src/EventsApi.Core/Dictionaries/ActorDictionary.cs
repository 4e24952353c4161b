using EventsApi.Core.Domain;

namespace EventsApi.Core.Dictionaries;

/// <summary>
/// The actors of data/dictionaries/actors.tsv (format in data/README.md), indexed by id and by the
/// folded key of every name and alias.
/// </summary>
public sealed class ActorDictionary
{
    private readonly Dictionary<string, Actor> byId;
    private readonly Dictionary<string, Actor> byKey;
    private readonly Dictionary<string, Actor> airDefenceByCountry;
    private readonly List<Actor> belligerents;

    public ActorDictionary(IEnumerable<Actor> actors)
    {
        byId = [];
        byKey = [];
        foreach (var actor in actors)
        {
            if (!byId.TryAdd(actor.Id, actor)) throw new FormatException($"actor id '{actor.Id}' appears twice");
            foreach (var key in actor.Aliases.Prepend(actor.Name).Select(NameKey.Fold).Distinct())
            {
                if (!byKey.TryAdd(key, actor))
                    throw new FormatException($"actor name '{key}' belongs to both '{byKey[key].Id}' and '{actor.Id}'");
            }
        }
        foreach (var actor in byId.Values)
        {
            if (actor.ParentId is not null && !byId.ContainsKey(actor.ParentId))
                throw new FormatException($"actor '{actor.Id}' has unknown parent '{actor.ParentId}'");
        }
        LongestNameWords = byKey.Keys.Max(k => k.Count(c => c == ' ') + 1);
        KeyPrefixes = new NamePrefixes(byKey.Keys);
        ByDemonym = byId.Values.SelectMany(a => (a.Demonyms ?? []).Select(d => (d, a)))
            .ToDictionary(p => p.d, p => p.a, StringComparer.Ordinal);
        // The coder asks for these for many actions of a document: looked up, not searched for each.
        airDefenceByCountry = byId.Values.Where(a => a.IsAirDefence && a.CountryCode is not null)
            .GroupBy(a => a.CountryCode!).ToDictionary(g => g.Key, g => g.MinBy(a => a.Id, StringComparer.Ordinal)!);
        belligerents = byId.Values.Where(a => a.IsBelligerent).ToList();
    }

    /// <summary>States by their demonyms ("Ukrainian" -> Ukraine), case-sensitive as written.</summary>
    public IReadOnlyDictionary<string, Actor> ByDemonym { get; }

    public static ActorDictionary Load(string path) => new(TsvFile.Read(path).Select(r => new Actor(
        r["id"],
        r["name"],
        WireNames.ParseWire<ActorKind>(r["kind"]),
        r.Optional("country"),
        r.Optional("parent"),
        r.List("aliases"),
        r.Optional("office"),
        IsMedia: r.List("tags").Contains("media"),
        IsAirDefence: r.List("tags").Contains("air_defence"),
        IsBelligerent: r.List("tags").Contains("belligerent"),
        Demonyms: r.List("demonyms"))));

    public IReadOnlyCollection<Actor> All => byId.Values;

    public int LongestNameWords { get; }

    /// <summary>Every key and every run of its leading words.</summary>
    public NamePrefixes KeyPrefixes { get; }

    public Actor? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>The force that defends a country's airspace (tagged air_defence), or null.</summary>
    public Actor? AirDefenceOf(string countryCode) => airDefenceByCountry.GetValueOrDefault(countryCode);

    /// <summary>
    /// "The enemy" in a report about a place in a belligerent's country: the other belligerent's armed
    /// forces (tagged belligerent), or null where the country is not one of two belligerents.
    /// </summary>
    public Actor? EnemyIn(string countryCode)
    {
        if (belligerents.Count != 2 || belligerents.All(a => a.CountryCode != countryCode)) return null;
        return belligerents.Single(a => a.CountryCode != countryCode);
    }

    public Actor? NamedByKey(string key) => byKey.GetValueOrDefault(key);

    public IEnumerable<Actor> SelfAndAncestors(Actor actor)
    {
        for (Actor? a = actor; a is not null; a = a.ParentId is null ? null : Find(a.ParentId))
            yield return a;
    }

    /// <summary>The state at the top of the actor's chain: its affiliation on the wire.</summary>
    public Actor Affiliation(Actor actor) => SelfAndAncestors(actor).Last();
}
