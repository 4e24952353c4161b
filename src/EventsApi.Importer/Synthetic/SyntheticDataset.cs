using System.Security.Cryptography;
using System.Text;
using EventsApi.Core.Dictionaries;
using EventsApi.Core.Domain;
using EventsApi.Core.Storage;
using EventsApi.Importer.Pipeline;
using EventsApi.Importer.Pipeline.Merging;
using NodaTime;
using NodaTime.Text;

namespace EventsApi.Importer.Synthetic;

/// <summary>
/// An ACLED-scale synthetic dataset for load tests, with realistic skew: most events in a few
/// front-line oblasts, a few hundred actors with a long tail, 2018-2026 dates (mostly since 2022),
/// every type and sub-type, one to four sources per event, summaries and quotes of news length.
/// Deterministic for a seed; events are produced in storage order on demand, so a million of them never
/// sit in memory at once.
/// </summary>
public sealed class SyntheticDataset
{
    private static readonly LocalDate First = new(2018, 1, 1);
    private static readonly LocalDate Last = new(2026, 10, 31);
    private static readonly LocalDate Invasion = new(2022, 2, 24);
    private static readonly DateTimeZone Kyiv = DateTimeZoneProviders.Tzdb["Europe/Kyiv"];
    private static readonly int Days = Period.DaysBetween(First, Last);
    private static readonly int DaysSinceInvasion = Period.DaysBetween(Invasion, Last);

    /// <summary>Regions by weight: the front first, then the border, then the rest.</summary>
    private static readonly (string Admin1, int Weight)[] Regions =
    [
        ("UA-14", 300), ("UA-63", 160), ("UA-23", 120), ("UA-65", 100), ("UA-12", 80), ("UA-59", 70), ("UA-09", 60), ("UA-48", 30),
        ("UA-32", 25), ("UA-30", 25), ("UA-51", 25), ("UA-74", 15), ("RU-BEL", 30), ("RU-KRS", 25), ("RU-BRY", 15), ("UA-43", 15),
        ("UA-53", 8), ("UA-18", 6), ("UA-35", 6), ("UA-46", 5), ("UA-05", 4), ("UA-71", 4), ("RU-ROS", 6), ("RU-VOR", 5),
        ("RU-MOS", 4), ("RU-MOW", 4), ("RU-KDA", 4), ("UA-56", 3), ("UA-07", 3), ("UA-68", 3), ("UA-26", 2), ("UA-21", 2),
        ("UA-61", 2), ("UA-77", 2), ("UA-40", 3), ("RU-UD", 1), ("RU-TA", 1), ("RU-LEN", 1), ("RU-SMO", 1), ("RU-ORL", 1),
    ];

    private static readonly (string Subtype, int Weight)[] Subtypes =
    [
        ("shelling", 190), ("drone_strike", 165), ("missile_strike", 80), ("air_strike", 55), ("interception", 45), ("other", 15),
        ("armed_clash", 150), ("territory_taken", 50),
        ("negotiation_round", 8), ("phone_call", 12), ("meeting", 15), ("agreement", 5),
        ("prisoner_swap", 20), ("remains_exchange", 10),
        ("control_claim", 30), ("annexation", 2), ("control_estimate", 8),
        ("accusation", 40), ("denial", 25), ("appeal", 20), ("announcement", 30), ("threat", 10),
    ];

    private static readonly int[] SubtypeWeights = [.. Subtypes.Select(s => s.Weight)];

    private static readonly string[] Publishers =
    [
        "Kyiv Independent", "Ukrainska Pravda", "Suspilne", "Ukrinform", "Reuters", "Associated Press", "AFP", "BBC", "The Guardian",
        "The Moscow Times", "Meduza", "TASS", "RIA Novosti", "Interfax", "ABC News", "Al Jazeera", "Deutsche Welle", "RFE/RL", "ISW", "CNN",
    ];

    private static readonly string[] Words =
    [
        "residential", "district", "infrastructure", "energy", "facility", "village", "outskirts", "frontline", "positions", "artillery",
        "barrage", "overnight", "regional", "governor", "administration", "emergency", "services", "debris", "fire", "damaged", "buildings",
        "power", "substation", "railway", "depot", "warehouse", "airfield", "refinery", "bridge", "convoy", "trenches", "assault",
        "reinforcements", "evacuation", "civilians", "hospital", "school", "market", "apartment", "block", "drone", "missile", "glide",
        "bomb", "interception", "defence", "brigade", "battalion", "offensive", "counterattack", "negotiations", "ceasefire", "prisoners",
        "exchange", "statement", "ministry", "spokesman", "officials", "reported", "confirmed", "according", "sources", "footage",
    ];

    private readonly int count;
    private readonly int seed;
    private readonly Gazetteer gazetteer;
    private readonly Place[][] placesByRegion;
    private readonly int[] regionWeights;
    private readonly Actor[] sideA;
    private readonly Actor[] sideB;
    private readonly Actor[] speakers;
    /// <summary>The events in storage order: each one's start day (days since First) and id's 48 bits, in one sort key.</summary>
    private readonly ulong[] order;

    /// <summary>The index (its random sequence) of the event at each place of <see cref="order"/>.</summary>
    private readonly int[] indexes;

    public SyntheticDataset(DataFiles data, int count, int seed)
    {
        this.count = count;
        this.seed = seed;
        gazetteer = data.Gazetteer;
        var units = Units().ToList();
        Actors = new ActorDictionary(data.Actors.All.Concat(units));
        placesByRegion = Regions.Select(r =>
        {
            var region = gazetteer.Find(r.Admin1) ?? throw new InvalidOperationException($"gazetteer has no {r.Admin1}");
            var towns = PlacesUnder(region).ToList();
            return towns.Prepend(region).ToArray();
        }).ToArray();
        regionWeights = Regions.Select(r => r.Weight).ToArray();
        // The two sides' armed actors, most active first: the armed forces, then a long tail of units.
        sideA = [Actors.Find("ru-armed-forces")!, Actors.Find("ru-aerospace-forces")!, Actors.Find("ru-air-defence")!, .. units.Where(u => u.CountryCode == "RUS")];
        sideB = [Actors.Find("ua-armed-forces")!, Actors.Find("ua-air-force")!, Actors.Find("ua-sbu")!, .. units.Where(u => u.CountryCode == "UKR")];
        speakers = data.Actors.All.Where(a => a.Kind is ActorKind.Person or ActorKind.Organisation && !a.IsMedia).OrderBy(a => a.Id, StringComparer.Ordinal).ToArray();
        // Storage order (start date, then id) without generating the events twice: each event's date is
        // the first draw of its own random sequence. An id is "ev_" and 12 hex digits, so the day and
        // the id's bits make one number whose order is storage order: at 1M, 0.3 s to make the keys and
        // 0.2 s to sort them, where (date, id string) pairs, the ids hashed with SHA-256, sorted in PLINQ
        // took about 3 s. The keys and the documents are made on every core.
        order = new ulong[count];
        Parallel.For(0, count, i => order[i] = (ulong)Period.DaysBetween(First, Date(RandomFor(i)).Start) << IdBits | EventRandom.IdBits(seed, i, IdBits));
        indexes = [.. Enumerable.Range(0, count)];
        Array.Sort(order, indexes);
        Documents = ParallelEnumerable.Range(0, DocumentCount).AsOrdered().Select(Document).ToList();
    }

    public ActorDictionary Actors { get; }

    public IReadOnlyList<SourceDocument> Documents { get; }

    private int DocumentCount => Math.Max(50, count / 4);

    /// <summary>
    /// Writes the dataset to <paramref name="path"/> through the project's own storage code (a new
    /// file renamed over the old one, as an import does); returns the dataset version.
    /// </summary>
    public string WriteTo(string path, Instant importedAt, string coderVersion) =>
        DatabaseFile.Replace(path, temporary => DatasetWriter.Write(temporary, new DatasetContent(
            Documents, Events(), gazetteer.SelfAndAncestors, Actors.SelfAndAncestors, Actors.All, importedAt, coderVersion)));

    /// <summary>Events in storage order, generated afresh on each enumeration (the writer reads them more than once).</summary>
    public IEnumerable<CodedEvent> Events()
    {
        for (var k = 0; k < order.Length; k++) yield return Event("ev_" + (order[k] & (1UL << IdBits) - 1).ToString("x12"), indexes[k]);
    }

    private CodedEvent Event(string id, int index)
    {
        var random = RandomFor(index);
        var date = Date(random);
        var subtype = Subtypes[Pick(random, SubtypeWeights)].Subtype;
        var type = Taxonomy.TypeOf(subtype);
        var region = placesByRegion[Pick(random, regionWeights)];
        var roll = random.Next(100);
        var place = type is "statement" || subtype == "phone_call" ? null
            : roll < 72 && region.Length > 1 ? region[1 + (int)(Math.Pow(random.NextDouble(), 2) * (region.Length - 1))]
            : roll < 94 ? region[0]
            : gazetteer.Find(region[0].CountryCode)!;
        var resolved = place is null ? null : gazetteer.Resolve(place);
        var actors = ActorsFor(random, type);
        int? killed = type is "strike" or "battle" && random.Next(100) < 40 ? (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * 3) : null;
        int? injured = type is "strike" or "battle" && random.Next(100) < 45 ? (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * 6) : null;
        Quantity? quantity = subtype is "drone_strike" or "interception" && random.Next(3) == 0 ? new Quantity(random.Next(2, 200), "drones")
            : subtype == "prisoner_swap" ? new Quantity(random.Next(10, 400), "prisoners") : null;
        var sources = Sources(random, date, actors, resolved, subtype, killed);
        return new CodedEvent(id, type, subtype, date, resolved, actors, killed, injured, quantity,
            Summaries.Of(subtype, actors, resolved, killed, injured, quantity), sources);
    }

    private EventRandom RandomFor(int index) => new(seed, index);

    /// <summary>An id is "ev_" and this many bits in hex.</summary>
    private const int IdBits = 48;

    private EventDate Date(EventRandom random)
    {
        var day = random.Next(100) < 5 ? First.PlusDays(random.Next(Days)) : Invasion.PlusDays(random.Next(DaysSinceInvasion));
        var precision = random.Next(100);
        return precision < 85 ? EventDate.Day(day)
            : precision < 93 ? EventDate.WeekEnding(day.PlusDays(6) > Last ? Last : day.PlusDays(6))
            : precision < 98 ? EventDate.Month(day.Year, day.Month)
            : EventDate.Year(day.Year);
    }

    private List<EventActor> ActorsFor(EventRandom random, string type)
    {
        Actor Tail(Actor[] side) => side[Math.Min(side.Length - 1, (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * 4))];
        var (attacker, defender) = random.Next(100) < 60 ? (sideA, sideB) : (sideB, sideA);
        return type switch
        {
            "strike" or "battle" => [new(Tail(attacker), ActorRole.Initiator), new(Tail(defender), ActorRole.Target)],
            "talks" or "prisoner_exchange" => [new(Actors.Find("RUS")!, ActorRole.Participant), new(Actors.Find("UKR")!, ActorRole.Participant)],
            "territorial_claim" => [new(Tail(attacker), ActorRole.Claimant)],
            _ => [new(speakers[Math.Min(speakers.Length - 1, (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * 25))], ActorRole.Speaker)],
        };
    }

    private List<EventSource> Sources(EventRandom random, EventDate date, List<EventActor> actors, ResolvedPlace? place, string subtype, int? killed)
    {
        var sources = new List<EventSource>();
        var n = 1 + (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * 0.8);
        var position = Period.DaysBetween(First, date.Start) * (DocumentCount - 1) / Days;
        for (var k = 0; k < Math.Min(n, 4); k++)
        {
            var document = Documents[Math.Clamp(position + random.Next(-2, 3), 0, DocumentCount - 1)];
            if (sources.Any(s => s.DocumentId == document.Id)) continue;
            var quote = Quote(random, actors, place, subtype, killed);
            sources.Add(new EventSource(document.Id, quote, random.Next(0, 5000), quote.Length));
        }
        return sources;
    }

    private static string Quote(EventRandom random, List<EventActor> actors, ResolvedPlace? place, string subtype, int? killed)
    {
        var text = new StringBuilder();
        text.Append(actors.Count > 0 ? actors[0].Actor.Name : "Officials").Append(' ').Append(subtype.Replace('_', ' '));
        if (place is not null) text.Append(" in ").Append(place.Place.Name);
        if (killed is not null) text.Append($", killing {killed}");
        text.Append(',');
        var words = 14 + random.Next(24);
        for (var w = 0; w < words; w++) text.Append(' ').Append(Words[random.Next(Words.Length)]);
        return text.Append('.').ToString();
    }

    private SourceDocument Document(int j)
    {
        var published = First.PlusDays((int)((long)j * Days / Math.Max(1, DocumentCount - 1))).PlusDays(1);
        var publisher = Publishers[j % Publishers.Length];
        var id = $"syn-{LocalDatePattern.Iso.Format(published)}-{j:D7}";
        return new SourceDocument(id, $"Synthetic report {j} by {publisher}", publisher, $"https://example.org/{id}", published,
            Kyiv, "en", "", $"{id}.txt", Hex(id));
    }

    /// <summary>A long tail of units under each side's armed forces: brigades and regiments.</summary>
    private static IEnumerable<Actor> Units()
    {
        for (var n = 1; n <= 160; n++)
            yield return new Actor($"ua-brigade-{n}", $"{Ordinal(n)} Separate Brigade", ActorKind.ArmedForces, "UKR", "ua-armed-forces", [], Known: true);
        for (var n = 1; n <= 140; n++)
            yield return new Actor($"ru-regiment-{n}", $"{Ordinal(n)} Motor Rifle Regiment", ActorKind.ArmedForces, "RUS", "ru-armed-forces", [], Known: true);
    }

    private static string Ordinal(int n) => n + (n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    private IEnumerable<Place> PlacesUnder(Place region) => PlacesIndex.Value.GetValueOrDefault(region.Id) ?? [];

    private Lazy<Dictionary<string, List<Place>>> PlacesIndex => placesIndex ??= new(() =>
    {
        var all = new Dictionary<string, List<Place>>();
        foreach (var (admin1, _) in Regions) all[admin1] = [];
        foreach (var name in File.ReadLines(DataFiles.GazetteerPath).Skip(3))
        {
            var cells = name.Split('\t');
            if (cells.Length > 4 && cells[1] == "settlement" && all.TryGetValue(cells[4], out var list)) list.Add(gazetteer.Find(cells[0])!);
        }
        return all;
    });

    private Lazy<Dictionary<string, List<Place>>>? placesIndex;

    private static int Pick(EventRandom random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0) return i;
        }
        return weights.Length - 1;
    }

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
