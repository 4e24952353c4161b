namespace EventsApi.Core.Dictionaries;

/// <summary>
/// Every folded key of a dictionary and every run of its leading words ("a b c" gives "a", "a b",
/// "a b c"): a left-to-right name scan stops where no key continues. Looked up by span, so a scan
/// folds into a buffer and allocates nothing for the runs no key starts with.
/// </summary>
public sealed class NamePrefixes
{
    private readonly HashSet<string> prefixes = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> bySpan;

    public NamePrefixes(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            for (var space = key.IndexOf(' '); space > 0; space = key.IndexOf(' ', space + 1)) prefixes.Add(key[..space]);
            prefixes.Add(key);
        }
        bySpan = prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool Contains(ReadOnlySpan<char> prefix) => bySpan.Contains(prefix);

    /// <summary>Whether some key starts with <paramref name="prefix"/>, and the stored string equal to it.</summary>
    public bool TryGet(ReadOnlySpan<char> prefix, out string stored) => bySpan.TryGetValue(prefix, out stored!);
}
