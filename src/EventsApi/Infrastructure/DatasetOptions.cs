using System.ComponentModel.DataAnnotations;

namespace EventsApi.Infrastructure;

public enum ImportOnStartup { IfMissing, Never }

/// <summary>Configuration section "Database".</summary>
public sealed class DatabaseOptions
{
    /// <summary>The SQLite dataset the API serves, relative to the content root unless absolute.</summary>
    [Required]
    public string Path { get; set; } = "data/events.db";

    /// <summary>Sum the time SQLite spends in statements (SqliteTime); /health then reports it in X-Sqlite-Time. For benchmarks.</summary>
    public bool ProfileSql { get; set; }

    /// <summary>
    /// The stored JSON of the events read lately, kept for every connection (DetailCache), in MB; 0 keeps none.
    /// Counted in the process's RSS once filled. 24 rather than 32 since the bench draws from the whole
    /// dataset: at 1M its peak RSS came within 10 MB of the bound (300 MB), and 24 took 10 MB off it
    /// with pages 0-5% slower (alternating).
    /// </summary>
    [Range(0, 1024)]
    public int DetailCacheMegabytes { get; set; } = 24;

    /// <summary>
    /// Read each stored event's bytes from the file where a walk of its table found them (DetailOffsets),
    /// rather than through SQLite. Off, every row is SQLite's read (the benchmark measures SQLite's own work so).
    /// </summary>
    public bool ReadRowsByOffset { get; set; } = true;
}

/// <summary>Configuration section "Import".</summary>
public sealed class ImportOptions
{
    /// <summary>IfMissing: build the database from Documents when it does not exist at start, or an older version built it. Never: fail instead.</summary>
    public ImportOnStartup OnStartup { get; set; } = ImportOnStartup.IfMissing;

    [Required]
    public string Documents { get; set; } = "data/documents";
}
