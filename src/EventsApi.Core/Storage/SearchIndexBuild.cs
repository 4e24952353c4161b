using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>
/// The full-text index (event_search) built beside the dataset's file rather than in the load. The load
/// writes each event's summary and quotes to a feed file (<see cref="Add"/>, one sequential write); once
/// it has written the last, a thread of its own (<see cref="Start"/>) inserts them into the same virtual
/// table in a side file, while the writer's connection writes the rest of the dataset and builds the
/// other indexes, which leave about 0.8 of the two cores idle. The side table's
/// pages are then copied into the dataset's (<see cref="CopyInto"/>): FTS5 keeps its whole index in its
/// shadow tables, so the same rows inserted in the same order into the same table make the same pages.
/// At 300k events the import took 7-9% less time; at 1M the side build (10.8 s) overlaps the index
/// builds and slows them by about as much as the load gains (README, thirtieth session), and the
/// import's peak RSS is 150 MB lower. At 1M the feed is about 470 MB and the side file about 40 MB;
/// both are deleted once the index is copied.
/// </summary>
internal sealed class SearchIndexBuild : IDisposable
{
    /// <summary>The full-text index's shadow tables, copied whole (FTS5's for a contentless table without column sizes).</summary>
    private static readonly string[] ShadowTables = ["event_search_data", "event_search_idx", "event_search_config"];

    private const string InsertSearch = "INSERT INTO event_search (rowid, summary, quotes) VALUES ($rowid, $summary, $quotes)";

    private readonly string feedPath, sidePath, definition;
    private readonly BinaryWriter feed;
    private long added;
    private Task? building;

    /// <param name="path">The dataset's new file, whose name the side files extend: DatabaseFile removes them if the import is killed.</param>
    /// <param name="connection">The dataset's connection, whose schema defines event_search.</param>
    public SearchIndexBuild(string path, SqliteConnection connection)
    {
        (feedPath, sidePath) = (path + ".search-feed", path + ".search");
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT sql FROM sqlite_schema WHERE name = 'event_search'";
            definition = command.ExecuteScalar() as string ?? throw new InvalidOperationException("the schema has no event_search table");
        }
        feed = new BinaryWriter(new FileStream(feedPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20));
    }

    /// <summary>The next event's text: events come in seq order, from 1, and are the index's rowids.</summary>
    public void Add(Utf8Text summary, Utf8Text quotes)
    {
        Write(summary);
        Write(quotes);
        added++;
    }

    private void Write(Utf8Text text)
    {
        feed.Write(text.Bytes.Length);
        feed.Write(text.Bytes.Span);
    }

    /// <summary>Closes the feed and starts building the side file's index from it.</summary>
    public void Start()
    {
        feed.Dispose();
        building = Task.Run(Build);
    }

    private void Build()
    {
        using var side = new SqliteConnection(SqliteFiles.ReadWriteCreate(sidePath));
        side.Open();
        // A new file, as the dataset's: no journal, no syncs. The index collects terms in memory until its
        // hash holds this many bytes, then writes a segment; each segment written is merged again later. At
        // 1M events, 64 MB instead of the default 1 MB built it in 9-10 s instead of 15.5 s, with as many pages.
        DatasetWriter.Execute(side, $"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 8192; PRAGMA cache_size = -131072; {definition};"
            + "INSERT INTO event_search (event_search, rank) VALUES ('hashsize', 67108864);");
        using var reading = new BinaryReader(new FileStream(feedPath, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 20));
        using var transaction = side.BeginTransaction();
        using (var insert = new PreparedInsert(side, InsertSearch))
        {
            // Read into the same two buffers for every event: SQLite copies bound text.
            byte[] summary = [], quotes = [];
            for (long seq = 1; seq <= added; seq++)
                insert.Run(seq, Read(reading, ref summary), Read(reading, ref quotes));
        }
        transaction.Commit();
    }

    private static Utf8Text Read(BinaryReader reading, ref byte[] buffer)
    {
        var length = reading.ReadInt32();
        if (buffer.Length < length) buffer = new byte[Math.Max(length, 2 * buffer.Length)];
        reading.BaseStream.ReadExactly(buffer, 0, length);
        return new Utf8Text(buffer.AsMemory(0, length));
    }

    /// <summary>
    /// Waits for the side file's index and copies its pages into the dataset's event_search. FTS5 keeps
    /// what it last read of its index in memory, on the connection, and a connection's own writes do not
    /// tell it the pages changed: the caller closes this connection after the copy, before event_search is read.
    /// </summary>
    public void CopyInto(SqliteConnection connection)
    {
        TaskWaits.Awaited(building ?? throw new InvalidOperationException("the search index was not started"));
        using (var attach = connection.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE $side AS search_side";
            attach.Parameters.AddWithValue("$side", sidePath);
            attach.ExecuteNonQuery();
        }
        try
        {
            using var transaction = connection.BeginTransaction();
            foreach (var table in ShadowTables)
                DatasetWriter.Execute(connection, $"DELETE FROM main.{table}; INSERT INTO main.{table} SELECT * FROM search_side.{table};", transaction);
            transaction.Commit();
        }
        finally
        {
            DatasetWriter.Execute(connection, "DETACH DATABASE search_side");
        }
    }

    /// <summary>Removes the feed and the side file (after the copy, or when the import failed).</summary>
    public void Dispose()
    {
        feed.Dispose();
        // Not left writing the side file if the import failed before the copy: its exception is the import's.
        if (building is { } running) TaskWaits.Ended(running);
        File.Delete(feedPath);
        File.Delete(sidePath);
    }
}
