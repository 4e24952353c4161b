using SQLitePCL;

namespace EventsApi.Core.Storage;

/// <summary>SQLite's settings for the whole process, which it takes only before its first connection opens.</summary>
public static class SqliteLibrary
{
    private const int ConfigMemoryStatus = 9; // SQLITE_CONFIG_MEMSTATUS in sqlite3.h

    /// <summary>
    /// Stops SQLite counting the memory it holds. The count is kept under one mutex for the whole
    /// process, taken on every malloc and free; a search read newest first grows its array of row
    /// offsets 32 bytes at a time (FTS5's reverse walk of a page), so under load the connections
    /// queue on that mutex, and the futex waits showed in the kernel. Nothing here reads the count
    /// (sqlite3_memory_used), and no soft heap limit is set. Returns false when a connection has
    /// opened already (in a test host, say): SQLite then keeps counting, which changes nothing but speed.
    /// </summary>
    public static bool StopCountingMemory()
    {
        Batteries_V2.Init();
        return raw.sqlite3_config(ConfigMemoryStatus, 0) == raw.SQLITE_OK;
    }
}
