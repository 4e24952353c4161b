namespace EventsApi.Core.Storage;

/// <summary>
/// The sort keys a client may ask for, each with its SQL expression; `id` always ends the order
/// so that keyset pagination has a total order.
/// </summary>
public sealed record EventSort(IReadOnlyList<(string Key, bool Descending)> Keys)
{
    public static readonly IReadOnlyDictionary<string, string> Columns = new Dictionary<string, string>
    {
        ["date"] = "e.date",
        ["fatalities"] = "COALESCE(e.fatalities, -1)",
        ["source_count"] = "e.source_count",
        ["id"] = "e.id",
    };

    public static readonly EventSort Default = new([("date", true)]);

    /// <summary>The keys with the id tie-breaker appended (in the direction of the first key).</summary>
    public IReadOnlyList<(string Key, bool Descending)> WithTieBreaker =>
        Keys.Any(k => k.Key == "id") ? Keys : [.. Keys, ("id", Keys.Count > 0 && Keys[0].Descending)];

    public string OrderBy => string.Join(", ", WithTieBreaker.Select(k => Columns[k.Key] + (k.Descending ? " DESC" : " ASC")));

    /// <summary>
    /// Date then id, both one way: the order events are stored in (seq follows start date, then id;
    /// see DatasetContent.StorageOrder), so the same order is also <see cref="BySeq"/>.
    /// </summary>
    public bool IsStorageOrder => WithTieBreaker is [("date", var date), ("id", var id)] && date == id;

    /// <summary>This order as an order of seq, under the name <paramref name="column"/> (e.seq, or the full-text index's rowid).</summary>
    public string BySeq(string column) => column + (Keys[0].Descending ? " DESC" : " ASC");

    public override string ToString() => string.Join(",", Keys.Select(k => (k.Descending ? "-" : "") + k.Key));
}
