using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>
/// Each event's actors, as event_actors lists them (one entry a row, an actor twice if it has two
/// roles), by seq, read once per file and kept for the few files served lately: for timelines grouped
/// by actor (FilterBitmaps.Timeline), which SQL made by joining every matching event to its actors
/// and grouping the pairs: at 1M, 0.1-1.5 s for an oblast's, a type's or a precision's. 4 bytes an
/// event and 2 a row: 8 MB at 1M, held only once such a timeline is asked for.
/// </summary>
internal sealed class EventActorLists
{
    /// <summary>The rows of seq s are <c>rows[starts[s]]</c> up to <c>rows[starts[s + 1]]</c> (s from 1).</summary>
    private readonly int[] starts;

    /// <summary>Each row's actor, as its index in <see cref="Ids"/>.</summary>
    private readonly ushort[] rows;

    /// <summary>The actors that take part in events, in SQL's order of their ids (ordinal: SQLite's BINARY collation).</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>False when the file's actors were too many to number in 16 bits: nothing is listed then.</summary>
    private readonly bool numbered;

    private EventActorLists(int[] starts, ushort[] rows, IReadOnlyList<string> ids, bool numbered = true) =>
        (this.starts, this.rows, Ids, this.numbered) = (starts, rows, ids, numbered);

    /// <summary>The lists of the file this connection reads, or null when its actors are too many to number in 16 bits.</summary>
    public static EventActorLists? Of(SqliteConnection connection, string version, long events) =>
        Known.Get(version, () => Read(connection, events)) is { numbered: true } lists ? lists : null;

    /// <summary>Where the rows of <paramref name="seq"/> lie: [From, To).</summary>
    public (int From, int To) RowsOf(long seq) => (starts[seq], starts[seq + 1]);

    public int ActorAt(int row) => rows[row];

    private static readonly KeptPerFile<EventActorLists> Known = new();

    private static EventActorLists Read(SqliteConnection connection, long events)
    {
        var ids = connection.QueryPrepared<string>("SELECT DISTINCT actor_id FROM event_actors ORDER BY actor_id");
        // Too many to number: kept as such, and Of gives none (SQL groups them).
        if (ids.Count > ushort.MaxValue) return new EventActorLists([], [], [], numbered: false);
        var index = new Dictionary<string, ushort>(ids.Count, StringComparer.Ordinal);
        foreach (var id in ids) index[id] = (ushort)index.Count;
        var total = connection.ScalarPrepared<long>("SELECT COUNT(*) FROM event_actors");
        var (starts, rows) = (new int[events + 2], new ushort[total]);
        var (row, seq) = (0, 0L);
        using (var reader = connection.ReadPrepared("SELECT event_seq, actor_id FROM event_actors ORDER BY event_seq, position"))
            while (reader.Read())
            {
                for (var next = reader.GetInt64(0); seq < next;) starts[++seq] = row;
                rows[row++] = index[reader.GetString(1)];
            }
        while (seq <= events) starts[++seq] = row;
        return new EventActorLists(starts, rows, ids);
    }
}
