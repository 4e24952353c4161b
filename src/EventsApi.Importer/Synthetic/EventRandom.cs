namespace EventsApi.Importer.Synthetic;

/// <summary>
/// The random draws of one synthetic event: a SplitMix64 sequence whose start is set by the dataset's
/// seed and the event's index, so any event can be made again alone and in any order. Not
/// System.Random: seeding it (Knuth's generator, 55 words mixed four times) was 2.5% of a 1M
/// generate's CPU, for the two seedings each event needs. Draws need only be well spread, not unbiased
/// to the last bit: a bound is applied by multiplying, not by rejection.
/// </summary>
internal sealed class EventRandom(int seed, int index)
{
    private ulong state = Start(seed, index);

    /// <summary>A draw in [0, <paramref name="max"/>).</summary>
    public int Next(int max) => (int)((NextBits() >> 32) * (ulong)max >> 32);

    /// <summary>A draw in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public int Next(int min, int max) => min + Next(max - min);

    /// <summary>A draw in [0, 1).</summary>
    public double NextDouble() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    private ulong NextBits() => Mix(state += Gamma);

    /// <summary>This many well-spread bits (at most 64) for an event's id, from the seed and its index but apart from its draws.</summary>
    public static ulong IdBits(int seed, int index, int bits) => Mix(Start(seed, index) ^ IdStream) >> (64 - bits);

    private static ulong Start(int seed, int index) => Mix(((ulong)(uint)seed << 32) | (uint)index);

    private const ulong IdStream = 0xD1B54A32D192ED03;

    private const ulong Gamma = 0x9E3779B97F4A7C15;

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
