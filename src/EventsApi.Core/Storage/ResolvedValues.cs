namespace EventsApi.Core.Storage;

/// <summary>
/// Filter values already resolved against one connection's file (a region's places, an actor's
/// share of the events, a search's words), by the values as the request gave them. A file never
/// changes, so neither does what its names resolve to. The values are the clients' own, any
/// strings at all, so at most <c>kept</c> (1,024 unless told) are kept, and all are dropped when that
/// is reached: a dashboard asks for the same few hundred again and again. Not for two threads at once: it is
/// one connection's, and a connection serves one request at a time.
/// </summary>
internal sealed class ResolvedValues<T>(int kept = 1024)
{
    private readonly Dictionary<string, T> known = new(StringComparer.Ordinal);

    public T Get(IReadOnlyList<string> values, Func<T> resolve)
    {
        var key = Key(values);
        if (known.TryGetValue(key, out var value)) return value;
        if (known.Count >= kept) known.Clear();
        return known[key] = resolve();
    }

    /// <summary>Each value with its length in front: no two lists of values give the same key, whatever characters they hold.</summary>
    private static string Key(IReadOnlyList<string> values) => string.Concat(values.Select(v => $"{v.Length}:{v}"));
}
