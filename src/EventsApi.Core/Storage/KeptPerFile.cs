namespace EventsApi.Core.Storage;

/// <summary>
/// Something read once per dataset file and kept for the few files served lately, by the file's
/// dataset version (it hashes every event, so files of one version hold the same events in the same
/// order): the file served and, while an import swaps it, the one before.
/// </summary>
internal sealed class KeptPerFile<T>(int versions = 4) where T : class
{
    private readonly List<(string Version, T Value)> known = [];

    /// <summary>The value kept for this version, or the one <paramref name="read"/> reads (outside the lock: a file's read takes a while).</summary>
    public T Get(string version, Func<T> read)
    {
        lock (known)
        {
            var found = known.Find(k => k.Version == version);
            if (found.Value is not null) return found.Value;
        }
        var value = read();
        lock (known)
        {
            if (known.Count >= versions) known.RemoveAt(0);
            known.Add((version, value));
        }
        return value;
    }

    /// <summary>Lets go of every file's value.</summary>
    public void Clear()
    {
        lock (known) known.Clear();
    }
}
