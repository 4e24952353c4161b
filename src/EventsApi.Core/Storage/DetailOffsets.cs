using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;
using SQLitePCL;

namespace EventsApi.Core.Storage;

/// <summary>
/// Where in the file each row's stored JSON lies, so that a row is one read of its own bytes. Through
/// SQLite each row of a page is a descent of the table's b-tree, a small program run by the blob
/// handle, and a read of the whole 8 KB page it is on: at 1M, with most of a page's rows scattered,
/// about 4 µs a row, where reading its 1.5 KB takes about one.
/// <para>
/// The map is made by walking the table's b-tree in the file, as SQLite's file format lays it out
/// (https://www.sqlite.org/fileformat2.html): the served file is immutable, so the bytes stay where
/// they are for as long as the handle that read them is open, and reads go through that handle, to
/// that file, even after an import renamed another over the path. A row whose record spills onto
/// overflow pages, and any file the walk does not understand, are left to SQLite.
/// </para>
/// </summary>
public sealed class DetailOffsets
{
    /// <summary>Offset in the file (low 40 bits, never 0: the file begins with its header) and length (high 23) of each slot's bytes; 0 for none.</summary>
    private readonly long[] located;
    private readonly SafeFileHandle file;

    /// <summary>The path the file was opened by (null for a handle given to <see cref="Walk"/>).</summary>
    private readonly string? path;

    private DetailOffsets(SafeFileHandle file, string? path, long[] located) => (this.file, this.path, this.located) = (file, path, located);

    /// <summary>Where the slot's bytes are, if the walk found them in the file's pages.</summary>
    public bool TryLocate(long slot, out long offset, out int length)
    {
        var entry = slot >= 0 && slot < located.Length ? located[slot] : 0;
        (offset, length) = (entry & OffsetMask, (int)((ulong)entry >> OffsetBits));
        return entry != 0;
    }

    /// <summary>
    /// Reads the slot's bytes into <paramref name="into"/> (as long as <see cref="TryLocate"/> said);
    /// false when the map was let go of meanwhile (<see cref="Retire"/>): the row is then SQLite's to read.
    /// </summary>
    public bool TryRead(long offset, Span<byte> into)
    {
        int read;
        try
        {
            read = RandomAccess.Read(file, into, offset);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        if (read != into.Length) throw new IOException($"the dataset file ended at {offset + read}, inside a row that was there when the file was opened");
        return true;
    }

    private static readonly Lock Gate = new();
    private static readonly List<(string Version, Task<DetailOffsets?> Walk)> Walks = [];

    /// <summary>Whether rows are read by offset at all (the API's Database:ReadRowsByOffset); off, <see cref="Of"/> gives null.</summary>
    public static bool Enabled { get; set; } = true;

    /// <summary>
    /// The map of event_details in the file this connection reads, once walked: null until then (the
    /// first call for a version starts the walk on another thread: about a second at 1M, a read of the
    /// table's pages), and for a file the walk does not read. Kept for the last few versions, as
    /// KeptPerFile keeps the slots, but a file replaced at its path is let go of at once (Retire).
    /// </summary>
    public static DetailOffsets? Of(SqliteConnection connection, string version) =>
        Enabled && Walking(connection, version) is { IsCompletedSuccessfully: true } walk ? walk.Result : null;

    /// <summary>The walk of the file this connection reads, started by the first call for its version.</summary>
    public static Task<DetailOffsets?> Walking(SqliteConnection connection, string version)
    {
        lock (Gate) return Walks.Find(w => w.Version == version).Walk ?? Start(connection, version);
    }

    private static Task<DetailOffsets?> Start(SqliteConnection connection, string version)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var path = raw.sqlite3_db_filename(db, "main").utf8_to_string();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'event_details'),
                   (SELECT cid FROM pragma_table_info('event_details') WHERE name = 'details'),
                   (SELECT COALESCE(MAX(slot), 0) + 1 FROM event_details)
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        var (root, column, rowids) = (reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2));
        // A file that cannot be walked is read through SQLite, as before: nothing is lost but time.
        var walk = string.IsNullOrEmpty(path) ? Task.FromResult<DetailOffsets?>(null) : Task.Run(() => Open(path, version, root, column, rowids));
        if (Walks.Count >= 4) Walks.RemoveAt(0);
        Walks.Add((version, walk));
        return walk;
    }

    /// <summary>
    /// The map of the file at the path, if it is still the file of this version. An import may have
    /// renamed another file over the path since the connection opened its own: the file opened here is
    /// asked its version through a connection of its own, opened on the same handle (/proc/self/fd,
    /// where the system has it; elsewhere rows are left to SQLite).
    /// </summary>
    private static DetailOffsets? Open(string path, string version, long root, int column, long rowids)
    {
        var descriptors = "/proc/self/fd";
        if (!Directory.Exists(descriptors)) return null;
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (IOException)
        {
            return null;
        }
        var same = new SqliteConnectionStringBuilder
        {
            DataSource = $"{descriptors}/{file.DangerousGetHandle()}",
            Mode = SqliteOpenMode.ReadOnly,
            // Not pooled: the descriptor's number names another file once this handle is closed.
            Pooling = false,
        }.ToString();
        try
        {
            using var connection = new SqliteConnection(same);
            connection.Open();
            using var queries = new EventQueries(connection);
            if (queries.DatasetVersion == version)
            {
                Retire(path, version);
                return Walk(file, path, root, column, rowids);
            }
        }
        catch (SqliteException)
        {
            // Not a file that can be asked its version: its rows are SQLite's to read.
        }
        file.Dispose();
        return null;
    }

    /// <summary>
    /// Closes the maps of the files this version's file replaced at the path: a file renamed over is
    /// deleted, and its space is given back once no handle holds it (at 1M, 2.6 GB an import). Their
    /// reads in flight go to SQLite instead (<see cref="TryRead"/>).
    /// </summary>
    private static void Retire(string path, string version)
    {
        lock (Gate)
        {
            foreach (var (_, walk) in Walks.Where(w => w.Version != version).ToList())
                if (walk is { IsCompletedSuccessfully: true, Result: { } replaced } && replaced.path == path)
                {
                    Walks.RemoveAll(w => w.Walk == walk);
                    replaced.file.Dispose();
                }
        }
    }

    private const int OffsetBits = 40;
    private const long OffsetMask = (1L << OffsetBits) - 1;
    private const int MaxLength = (1 << (63 - OffsetBits)) - 1;

    /// <summary>
    /// Walks the table whose b-tree starts at <paramref name="rootPage"/> in the file (its handle, kept
    /// by the map for its reads, or closed when null comes back) and finds, for each row (its rowid
    /// below <paramref name="rowids"/>), the bytes of column <paramref name="column"/> (a text or
    /// blob). Null when the file is not one this walk reads: a write-ahead log may hold newer pages,
    /// or the text is not UTF-8.
    /// </summary>
    public static DetailOffsets? Walk(SafeFileHandle file, long rootPage, int column, long rowids) => Walk(file, null, rootPage, column, rowids);

    private static DetailOffsets? Walk(SafeFileHandle file, string? path, long rootPage, int column, long rowids)
    {
        try
        {
            Span<byte> header = stackalloc byte[100];
            if (RandomAccess.Read(file, header, 0) != header.Length) return Failed();
            int size = BinaryPrimitives.ReadUInt16BigEndian(header[16..]);
            var pageSize = size == 1 ? 65536 : size;
            var legacy = header[18] == 1 && header[19] == 1;
            var utf8 = BinaryPrimitives.ReadUInt32BigEndian(header[56..]) == 1;
            if (!legacy || !utf8 || pageSize < 512) return Failed();
            var usable = pageSize - header[20];
            var located = new long[rowids];
            var page = new byte[pageSize];
            var pending = new Stack<long>([rootPage]);
            var pages = RandomAccess.GetLength(file) / pageSize;
            var visits = pages;
            while (pending.TryPop(out var number))
            {
                // A tree has fewer pages than the file: more visits mean a page that points back.
                if (number < 1 || number > pages || visits-- <= 0) return Failed();
                var start = (number - 1) * pageSize;
                if (RandomAccess.Read(file, page, start) != pageSize) return Failed();
                var at = number == 1 ? 100 : 0;
                var cells = BinaryPrimitives.ReadUInt16BigEndian(page.AsSpan(at + 3));
                switch (page[at])
                {
                    case 0x05: // an interior page: its children, each cell's left one and the right-most
                        for (var i = 0; i < cells; i++)
                            pending.Push(BinaryPrimitives.ReadUInt32BigEndian(page.AsSpan(CellAt(page, at + 12, i))));
                        pending.Push(BinaryPrimitives.ReadUInt32BigEndian(page.AsSpan(at + 8)));
                        break;
                    case 0x0D: // a leaf: its rows
                        for (var i = 0; i < cells; i++)
                            if (Locate(page, CellAt(page, at + 8, i), usable, column) is var (rowid, offset, length)
                                && rowid >= 0 && rowid < rowids && length <= MaxLength)
                                located[rowid] = (start + offset) | ((long)length << OffsetBits);
                        break;
                    default:
                        return Failed();
                }
            }
            return new DetailOffsets(file, path, located);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidDataException or IOException)
        {
            // A page the walk does not understand: the file is read through SQLite.
            return Failed();
        }

        DetailOffsets? Failed()
        {
            file.Dispose();
            return null;
        }
    }

    private static int CellAt(byte[] page, int pointers, int i) => BinaryPrimitives.ReadUInt16BigEndian(page.AsSpan(pointers + 2 * i));

    /// <summary>
    /// The rowid of a leaf's cell and where in the page the column's bytes are, or null when its
    /// record does not lie whole in the page (it spills onto overflow pages).
    /// </summary>
    private static (long Rowid, int Offset, int Length)? Locate(byte[] page, int cell, int usable, int column)
    {
        var payload = Varint(page, ref cell);
        var rowid = Varint(page, ref cell);
        // The most of a record a table's leaf holds in the page (the file format's X = U - 35).
        if (payload > usable - 35 || cell + payload > page.Length) return null;
        var types = cell;
        var headerEnd = cell + (int)Varint(page, ref types);
        var body = headerEnd;
        for (var i = 0; types < headerEnd; i++)
        {
            var type = Varint(page, ref types);
            var size = SizeOf(type);
            if (i == column) return type >= 12 && body + size <= cell + payload ? (rowid, body, size) : null;
            body += size;
        }
        return null;
    }

    /// <summary>A value's size in a record, by its serial type.</summary>
    private static int SizeOf(long type) => type switch
    {
        0 or 8 or 9 => 0,
        1 or 2 or 3 or 4 => (int)type,
        5 => 6,
        6 or 7 => 8,
        >= 12 => (int)((type - 12) / 2),
        _ => throw new InvalidDataException($"serial type {type} is reserved"),
    };

    /// <summary>SQLite's variable-length integer: up to 9 bytes, 7 bits each but the ninth's 8.</summary>
    private static long Varint(byte[] page, ref int at)
    {
        long value = 0;
        for (var i = 0; i < 8; i++)
        {
            var b = page[at++];
            value = (value << 7) | (b & 0x7FL);
            if (b < 0x80) return value;
        }
        return (value << 8) | page[at++];
    }
}
