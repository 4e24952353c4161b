using System.Collections.Frozen;

namespace EventsApi.Core.Domain;

/// <summary>How finely an event is dated; ordered from finest to coarsest.</summary>
public enum DatePrecision { Day, Week, Month, Year }

/// <summary>How finely an event is located; ordered from finest to coarsest.</summary>
public enum GeoPrecision { Point, City, Admin1, Country }

/// <summary>The level of a gazetteer entry, from a settlement up to a world region.</summary>
public enum PlaceLevel { Settlement, Admin1, Country, WorldRegion }

public enum ActorRole { Initiator, Target, Participant, Claimant, Speaker, Addressee }

public enum ActorKind { Person, Organisation, ArmedForces, State }

/// <summary>One spelling of every enum on the wire and in the database: snake_case.</summary>
public static class WireNames
{
    /// <summary>The value's wire name, spelled once per value (an import asks for several an event).</summary>
    public static string ToWire<T>(this T value) where T : struct, Enum =>
        Spelled<T>.Names.TryGetValue(value, out var name) ? name : Spell(value);

    private static string Spell<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static class Spelled<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> Names = Enum.GetValues<T>().ToFrozenDictionary(v => v, Spell);
    }

    public static bool TryParseWire<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (candidate.ToWire() == text)
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static T ParseWire<T>(string text) where T : struct, Enum =>
        TryParseWire<T>(text, out var value) ? value : throw new FormatException($"'{text}' is not a {typeof(T).Name}");

    public static IEnumerable<string> AllWire<T>() where T : struct, Enum => Enum.GetValues<T>().Select(v => v.ToWire());
}
