using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EventsApi.Core.Domain;
using Microsoft.Data.Sqlite;
using NodaTime.Text;

namespace EventsApi.Core.Storage;

/// <summary>
/// Writes a whole dataset into a new SQLite file in one transaction, then builds the indexes.
/// Callers write to a temporary path and move the finished file into place (see DatabaseFile).
/// Returns the dataset version: a SHA-256 over the canonical content of every event.
/// </summary>
public static class DatasetWriter
{
    public static string Write(string path, DatasetContent content)
    {
        string datasetVersion;
        long count;
        var sets = new ColumnSets();
        using (var connection = Open(path, LoadingCache))
        {
            Migrations.Apply(connection, upTo: 1);
            using var search = new SearchIndexBuild(path, connection);
            var counts = new EventCountTallies(content.PlaceChain);
            using var version = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using (var transaction = connection.BeginTransaction())
            {
                // Events first, in one pass, noting the places and unknown actors they use and tallying counts;
                // the documents, places and actors follow, with their counts, while the search index is built.
                // Foreign keys are checked once the file is written (DatabaseFile.Verify), not row by row.
                var tallies = new ActorTallies(content.ActorChain);
                var (written, places, unknownActors) = WriteEvents(connection, content, version, tallies, counts, sets, search);
                count = written;
                search.Start();
                WriteDocuments(connection, content.Documents, counts);
                WritePlaces(connection, places.Values, content.PlaceChain, counts);
                WriteActors(connection, content.DictionaryActors.Concat(unknownActors.Values), content.ActorChain, tallies);
                WriteActorMonths(connection, tallies);
                WriteEventCounts(connection, counts);
                transaction.Commit();
            }
            datasetVersion = Convert.ToHexStringLower(version.GetHashAndReset())[..16];
            WriteMetadata(connection, content, datasetVersion, count, counts.MaxSpanDays);
            Execute(connection, $"PRAGMA cache_size = {SortingCache};");
            Migrations.Apply(connection, upTo: BeforeSearchTerms);
            search.CopyInto(connection);
        }
        // A connection of its own for the rest, which reads the search index as copied (see CopyInto).
        using (var connection = Open(path, SortingCache))
        {
            Migrations.Apply(connection);
            Execute(connection, $"PRAGMA cache_size = {LoadingCache};");
            sets.Write(connection, count);
            EventIdRanks.Write(connection, count);
            AnalyzeWhileReadingBitmaps(connection, path, count);
        }
        return datasetVersion;
    }

    /// <summary>
    /// The new file, open to write, with a page cache of <paramref name="cache"/> KiB (LoadingCache or
    /// SortingCache). It is new, so no journal and no syncs. A second sorter thread serves the index builds.
    /// </summary>
    private static SqliteConnection Open(string path, int cache)
    {
        var connection = new SqliteConnection(SqliteFiles.ReadWriteCreate(path));
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 8192; PRAGMA foreign_keys = OFF; "
            + $"PRAGMA threads = 2; PRAGMA cache_size = {cache};");
        return connection;
    }

    /// <summary>The migrations that do not read the full-text index: they run while it is built (SearchIndexBuild); 0005 reads it.</summary>
    private const int BeforeSearchTerms = 4;

    /// <summary>
    /// ANALYZE reads every index on one core, while the search bitmaps' matches are read from the
    /// full-text index on other connections (after the migrations, which complete search_terms, the
    /// bitmaps' list of words); the bitmaps are inserted once both are done. At 1M events
    /// each took 3.6 s, one after the other; together, the import took 60.9-62.4 s instead of 64.7-67.4 s
    /// (side by side, the same hour). A full ANALYZE, not a sampled one (PRAGMA analysis_limit):
    /// sampling a thousand rows per index took 1.3 s off at 1M but read a region's share of events as
    /// 1,000 instead of 24,000, and the planner then read a region's year by date: 300 requests/s
    /// instead of 900-1,300.
    /// </summary>
    private static void AnalyzeWhileReadingBitmaps(SqliteConnection connection, string path, long count)
    {
        var words = SearchBitmaps.CommonWords(connection, count);
        var reading = Task.Run(() => SearchBitmaps.Read(path, words, count));
        // ANALYZE in a transaction that commits only after the readers have finished: committing needs
        // the file to itself, and would wait for their locks.
        using (var transaction = connection.BeginTransaction())
        {
            try
            {
                Execute(connection, "ANALYZE", transaction);
            }
            finally
            {
                // Not left reading the file if ANALYZE failed: the caller deletes it.
                TaskWaits.Ended(reading);
            }
            SearchBitmaps.Insert(connection, words, TaskWaits.Awaited(reading));
            transaction.Commit();
        }
        // ANALYZE ran before the bitmaps were in their table.
        Execute(connection, "ANALYZE search_bitmaps; PRAGMA optimize;");
    }

    /// <summary>The page cache while loading, in KiB (negative: SQLite's unit for a size): 128 MB, which keeps the pages of the b-trees the load inserts into in memory.</summary>
    private const int LoadingCache = -131072;

    /// <summary>
    /// The page cache while the migrations build indexes and group rows, in KiB: 4 MB. SQLite's sorter
    /// sorts runs of at most the page cache's size; with 128 MB, a million rows were one run, sorted
    /// on one core. With 4 MB runs, the second sorter thread sorts half of them and the merge is cheap:
    /// the migrations at 1M events took 21 s before, 12 s after (the same statements in sqlite3's shell).
    /// </summary>
    private const int SortingCache = -4096;

    private const string InsertDocument = """
        INSERT INTO documents (id, title, publisher, url, published, timezone, language, file_name, content_hash, event_count)
        VALUES ($id, $title, $publisher, $url, $published, $timezone, $language, $file_name, $content_hash, $event_count)
        """;

    private static void WriteDocuments(SqliteConnection connection, IReadOnlyList<SourceDocument> documents, EventCountTallies counts)
    {
        using var insert = new PreparedInsert(connection, InsertDocument);
        foreach (var d in documents)
        {
            insert.Run(d.Id, d.Title, d.Publisher, d.Url, LocalDatePattern.Iso.Format(d.Published), d.TimeZone.Id,
                d.Language, d.FileName, d.ContentHash, counts.Citing(d.Id));
        }
    }

    private const string InsertPlace = """
        INSERT INTO places (id, name, level, country_code, parent_id, iso_code, latitude, longitude, event_count)
        VALUES ($id, $name, $level, $country_code, $parent_id, $iso_code, $latitude, $longitude, $event_count)
        """;

    private const string InsertPlaceName = "INSERT OR IGNORE INTO place_names (key, place_id, name) VALUES ($key, $place_id, $name)";

    private const string InsertPlaceAncestor = "INSERT OR IGNORE INTO place_ancestors (ancestor_id, place_id) VALUES ($ancestor_id, $place_id)";

    /// <summary>Writes the events' places with all their ancestors.</summary>
    private static void WritePlaces(SqliteConnection connection, IEnumerable<Place> used, Func<Place, IEnumerable<Place>> chainOf, EventCountTallies counts)
    {
        using var insert = new PreparedInsert(connection, InsertPlace);
        using var insertName = new PreparedInsert(connection, InsertPlaceName);
        using var insertAncestor = new PreparedInsert(connection, InsertPlaceAncestor);
        var written = new HashSet<string>();
        foreach (var place in used.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            // Outermost first, so a parent row precedes its children.
            foreach (var p in chainOf(place).Reverse().Where(p => written.Add(p.Id)))
            {
                insert.Run(p.Id, p.Name, p.Level.ToWire(), p.CountryCode, p.ParentId, p.IsoCode, p.Latitude, p.Longitude, counts.InPlace(p.Id));
                foreach (var name in p.Aliases.Prepend(p.Name)) insertName.Run(Dictionaries.NameKey.Fold(name), p.Id, name);
                foreach (var ancestor in chainOf(p)) insertAncestor.Run(ancestor.Id, p.Id);
            }
        }
    }

    private const string InsertActor = """
        INSERT INTO actors (id, name, kind, country_code, parent_id, office, affiliation, known, event_count, event_count_total)
        VALUES ($id, $name, $kind, $country_code, $parent_id, $office, $affiliation, $known, $event_count, $event_count_total)
        """;

    private const string InsertActorName = "INSERT OR IGNORE INTO actor_names (key, actor_id, name) VALUES ($key, $actor_id, $name)";

    private const string InsertActorAncestor = "INSERT OR IGNORE INTO actor_ancestors (ancestor_id, actor_id) VALUES ($ancestor_id, $actor_id)";

    /// <summary>The whole dictionary (so /v1/actors shows the hierarchy) plus the unknown actors events use, with their counts.</summary>
    private static void WriteActors(SqliteConnection connection, IEnumerable<Actor> all, Func<Actor, IEnumerable<Actor>> chainOf, ActorTallies tallies)
    {
        using var insert = new PreparedInsert(connection, InsertActor);
        using var insertName = new PreparedInsert(connection, InsertActorName);
        using var insertAncestor = new PreparedInsert(connection, InsertActorAncestor);
        // Parents first: order by depth, then id.
        foreach (var a in all.DistinctBy(a => a.Id).OrderBy(a => chainOf(a).Count()).ThenBy(a => a.Id, StringComparer.Ordinal))
        {
            insert.Run(a.Id, a.Name, a.Kind.ToWire(), a.CountryCode, a.ParentId, a.Office, chainOf(a).Last().Name, a.Known ? 1 : 0,
                tallies.Own(a.Id), tallies.WithActorsUnder(a.Id));
            foreach (var name in a.Aliases.Prepend(a.Name)) insertName.Run(Dictionaries.NameKey.Fold(name), a.Id, name);
            foreach (var ancestor in chainOf(a)) insertAncestor.Run(ancestor.Id, a.Id);
        }
    }

    private const string InsertActorMonth = "INSERT INTO actor_month_counts (month, actor_id, events, fatalities) VALUES ($month, $actor_id, $events, $fatalities)";

    private static void WriteActorMonths(SqliteConnection connection, ActorTallies tallies)
    {
        using var insert = new PreparedInsert(connection, InsertActorMonth);
        foreach (var (month, actorId, events, fatalities) in tallies.Months()) insert.Run(month, actorId, events, fatalities);
    }

    private const string InsertEventCount = "INSERT INTO event_counts (scope, date, date_end, events) VALUES ($scope, $date, $date_end, $events)";

    private const string InsertDayCount = "INSERT INTO day_type_counts (date, type, subtype, events, fatalities) VALUES ($date, $type, $subtype, $events, $fatalities)";

    private static void WriteEventCounts(SqliteConnection connection, EventCountTallies counts)
    {
        using (var insert = new PreparedInsert(connection, InsertEventCount))
            foreach (var (scope, date, end, events) in counts.Rows()) insert.Run(scope, date, end, events);
        using (var insert = new PreparedInsert(connection, InsertDayCount))
            foreach (var (date, type, subtype, events, fatalities) in counts.Days()) insert.Run(date, type, subtype, events, fatalities);
    }

    private const string InsertEvent = """
        INSERT INTO events (seq, id, type, subtype, date, date_end, date_precision, precision_rank,
                            place_id, admin1_id, country_id, geo_precision, geo_rank, latitude, longitude,
                            fatalities, injured, quantity_value, quantity_unit, source_count)
        VALUES ($seq, $id, $type, $subtype, $date, $date_end, $date_precision, $precision_rank,
                $place_id, $admin1_id, $country_id, $geo_precision, $geo_rank, $latitude, $longitude,
                $fatalities, $injured, $quantity_value, $quantity_unit, $source_count)
        """;

    private const string InsertDetails = "INSERT INTO event_details (slot, seq, details) VALUES ($slot, $seq, $details)";

    private const string InsertEventActor = "INSERT INTO event_actors (event_seq, position, actor_id, role) VALUES ($event_seq, $position, $actor_id, $role)";

    private const string InsertEventSource = """
        INSERT OR IGNORE INTO event_sources (event_seq, document_id, offset, length)
        VALUES ($event_seq, $document_id, $offset, $length)
        """;

    /// <summary>
    /// An event with the values of its rows that take work to make: its stored JSON, and its summary and
    /// quotes in UTF-8 for the search index's feed, made on every core (bound as UTF-16 text, they were
    /// converted by SQLite on the inserting thread, 4-5% of its time).
    /// </summary>
    private sealed record PreparedEvent(CodedEvent Event, int SourceCount, Utf8Text Details, Utf8Text Summary, Utf8Text Quotes);

    /// <summary>Writes the events and tallies their actors and counts; returns how many, and the places and unknown actors they use.</summary>
    private static (long Count, Dictionary<string, Place> Places, Dictionary<string, Actor> Unknown) WriteEvents(
        SqliteConnection connection, DatasetContent content, IncrementalHash version, ActorTallies tallies, EventCountTallies counts, ColumnSets sets,
        SearchIndexBuild search)
    {
        var places = new Dictionary<string, Place>();
        var unknown = new Dictionary<string, Actor>();
        using var insert = new PreparedInsert(connection, InsertEvent);
        using var insertActor = new PreparedInsert(connection, InsertEventActor);
        using var insertSource = new PreparedInsert(connection, InsertEventSource);
        using var details = new DetailsRun(connection);
        long seq = 0;
        foreach (var (e, sourceCount, json, summary, quotes) in Prepared(content, version, places, unknown, tallies, counts))
        {
            seq++;
            var (place, start) = (e.Place, e.Date.StartIso);
            insert.Run(seq, e.Id, e.Type, e.Subtype, start, e.Date.EndIso, e.Date.Precision.ToWire(), (int)e.Date.Precision,
                place?.Place.Id, place?.Admin1?.Id, place?.Country?.Id, place?.Precision.ToWire(), place is null ? null : (int)place.Precision, place?.Place.Latitude, place?.Place.Longitude,
                e.Fatalities, e.Injured, e.Quantity?.Value, e.Quantity?.Unit, sourceCount);
            details.Add(seq, start, place?.Admin1?.Id, json);
            sets.Add(seq, e.Type, e.Subtype, place?.Admin1?.Id, place?.Country?.Id, e.Fatalities, sourceCount, e.Date.Precision, place?.Precision);
            for (var i = 0; i < e.Actors.Count; i++) insertActor.Run(seq, i, e.Actors[i].Actor.Id, e.Actors[i].Role.ToWire());
            foreach (var s in e.Sources) insertSource.Run(seq, s.DocumentId, s.Offset, s.Length);
            search.Add(summary, quotes);
        }
        details.Flush();
        return (seq, places, unknown);
    }

    /// <summary>
    /// The stored JSON of the run of events so far (DetailSlots), inserted into event_details in the
    /// run's order when the run ends. Only these rows wait: the events' other rows go in as they come,
    /// while the next events are made on the other threads. The run's bytes are copied into one buffer
    /// kept from run to run: held as an array per event, a month's JSON (tens of MB at 1M) lived long
    /// enough to be promoted, and at 1M the load's collections paused it 1.5 s in all instead of 0.9 s.
    /// </summary>
    private sealed class DetailsRun(SqliteConnection connection) : IDisposable
    {
        private readonly PreparedInsert insert = new(connection, InsertDetails);
        private readonly List<(string? Admin1, int Start, int Length)> run = [];
        private byte[] bytes = new byte[1 << 20];
        private int used;
        private long firstSeq = 1;
        private string runStart = "";

        public void Add(long seq, string date, string? admin1, Utf8Text details)
        {
            if (run.Count > 0 && DetailSlots.EndsRun(runStart, date, run.Count)) Flush();
            if (run.Count == 0) (firstSeq, runStart) = (seq, date);
            var length = details.Bytes.Length;
            if (used + length > bytes.Length) Array.Resize(ref bytes, Math.Max(bytes.Length * 2, used + length));
            details.Bytes.Span.CopyTo(bytes.AsSpan(used));
            run.Add((admin1, used, length));
            used += length;
        }

        /// <summary>Inserts the run in slot order, so the rows are appended to the table.</summary>
        public void Flush()
        {
            var order = DetailSlots.Order(run.Select(r => r.Admin1).ToList());
            for (var k = 0; k < order.Length; k++)
            {
                var (_, start, length) = run[order[k]];
                insert.Run(firstSeq + k, firstSeq + order[k], new Utf8Text(bytes.AsMemory(start, length)));
            }
            run.Clear();
            used = 0;
        }

        public void Dispose() => insert.Dispose();
    }

    /// <summary>
    /// The events in order, each with its rows' values, made on other threads while the thread that
    /// owns the connection inserts the ones before. Making the events (a generator's too: content.Events
    /// is lazy), noting them and making their JSON is more work than SQLite's inserts: with one thread
    /// making them, the inserting thread waited for it and the load used 1.7 of the two cores. The
    /// events are read and noted in order (Noted) on one thread, in batches; each batch's JSON, most of
    /// the work, is made on all cores. At most <see cref="BatchesAhead"/> batches wait for the inserting
    /// thread: PLINQ, which did this before, let each of its threads run up to 8,192 events ahead of
    /// it, so every event lived long enough to reach the oldest generation, and the load paid a full
    /// collection every few seconds. An exception making an event is rethrown as it was thrown, not
    /// wrapped (the first, if several threads failed).
    /// </summary>
    private static IEnumerable<PreparedEvent> Prepared(DatasetContent content, IncrementalHash version,
        Dictionary<string, Place> places, Dictionary<string, Actor> unknown, ActorTallies tallies, EventCountTallies counts)
    {
        var documents = content.Documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
        PreparedEvent Prepare(CodedEvent e) => new(e, EventDetails.SourceCount(e),
            new Utf8Text(EventDetails.Write(e, documents, content.ActorChain)), new Utf8Text(Encoding.UTF8.GetBytes(e.Summary)),
            new Utf8Text(Encoding.UTF8.GetBytes(string.Join("\n", e.Sources.Select(s => s.Quote)))));

        using var stop = new CancellationTokenSource();
        using var batches = new BlockingCollection<PreparedEvent[]>(BatchesAhead);
        var making = Task.Run(() =>
        {
            try
            {
                foreach (var batch in Noted(content, version, places, unknown, tallies, counts).Chunk(BatchSize))
                {
                    var prepared = new PreparedEvent[batch.Length];
                    Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = stop.Token }, i => prepared[i] = Prepare(batch[i]));
                    batches.Add(prepared, stop.Token);
                }
            }
            finally
            {
                batches.CompleteAdding();
            }
        });
        try
        {
            foreach (var batch in batches.GetConsumingEnumerable())
                foreach (var e in batch) yield return e;
            TaskWaits.Awaited(making);
        }
        finally
        {
            // The inserts failed, or the caller stopped reading: the making thread stops at its next batch.
            stop.Cancel();
            TaskWaits.Ended(making);
        }
    }

    /// <summary>Events made and noted together, then their JSON made on all cores.</summary>
    private const int BatchSize = 256;

    /// <summary>Batches made and not yet inserted: enough that the inserting thread does not wait.</summary>
    private const int BatchesAhead = 2;

    /// <summary>
    /// The events in order, checked to come in storage order; notes the places and unknown actors they
    /// use, tallies their actors and counts, and hashes them into the dataset version.
    /// </summary>
    private static IEnumerable<CodedEvent> Noted(DatasetContent content, IncrementalHash version,
        Dictionary<string, Place> places, Dictionary<string, Actor> unknown, ActorTallies tallies, EventCountTallies counts)
    {
        CodedEvent? previous = null;
        foreach (var e in content.Events)
        {
            if (previous is not null && DatasetContent.StorageOrder(previous, e) >= 0)
                throw new InvalidOperationException($"events must come in storage order (start date, then id): {e.Id} after {previous.Id}");
            previous = e;
            if (e.Place is { } place) places.TryAdd(place.Place.Id, place.Place);
            foreach (var a in e.Actors.Where(a => !a.Actor.Known)) unknown.TryAdd(a.Actor.Id, a.Actor);
            tallies.Add(e);
            counts.Add(e);
            version.AppendData(Encoding.UTF8.GetBytes(Canonical(e)));
            yield return e;
        }
    }

    /// <summary>
    /// Everything a client can see of an event, in a fixed order: what the dataset version hashes. The
    /// place's oblast and country too (a gazetteer's change moves them), which also fix where the
    /// event's stored JSON lies (DetailSlots).
    /// </summary>
    private static string Canonical(CodedEvent e) => string.Join('\u001f',
        e.Id, e.Type, e.Subtype, e.Date.StartIso, e.Date.EndIso, e.Date.Precision, e.Place?.Place.Id, e.Place?.Admin1?.Id, e.Place?.Country?.Id, e.Place?.Precision,
        e.Fatalities, e.Injured, e.Quantity?.Value, e.Quantity?.Unit, e.Summary,
        string.Join(',', e.Actors.Select(a => $"{a.Actor.Id}:{a.Role}")),
        string.Join(',', e.Sources.Select(s => $"{s.DocumentId}:{s.Offset}:{s.Length}"))) + '\u001e';

    private const string InsertMetadata = "INSERT INTO dataset (key, value) VALUES ($key, $value)";

    private static void WriteMetadata(SqliteConnection connection, DatasetContent content, string datasetVersion, long count, int maxSpanDays)
    {
        using var insert = new PreparedInsert(connection, InsertMetadata);
        insert.Run("version", datasetVersion);
        insert.Run("imported_at", InstantPattern.ExtendedIso.Format(content.ImportedAt));
        insert.Run("coder_version", content.CoderVersion);
        insert.Run("codebook_version", CodebookVersion);
        insert.Run("event_count", count.ToString(CultureInfo.InvariantCulture));
        // The longest event, in days: an event overlapping [from, to] starts on or after from minus this,
        // which bounds every date-range scan from below.
        insert.Run("max_span_days", maxSpanDays.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The CODEBOOK.md revision the coder implements.</summary>
    public const string CodebookVersion = "1";

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
