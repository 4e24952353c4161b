using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EventsApi.Core.Storage;

/// <summary>
/// The time SQLite itself spends running statements, summed over every connection it is attached
/// to (SQLite's profile hook: each statement's run time, in nanoseconds, as it finishes), its
/// reads of stored events by blob handle, and a box's merge of its points' statements, as one. The
/// load benchmark compares it with the server's CPU time per request: what the API adds to the SQL.
/// Off unless Database:ProfileSql is set; the hook costs a little on every statement.
/// </summary>
public static class SqliteTime
{
    private static long nanoseconds;
    private static long statements;

    /// <summary>Set while this thread's statements are timed as a whole (<see cref="Whole"/>).</summary>
    [ThreadStatic] private static bool timingWhole;

    // One delegate for every connection: SQLitePCL keeps it referenced while a hook uses it.
    private static readonly strdelegate_profile Hook = (_, _, ns) =>
    {
        if (timingWhole) return;
        Interlocked.Add(ref nanoseconds, ns);
        Interlocked.Increment(ref statements);
    };

    /// <summary>Whether any connection is attached: the time of reads outside statements (DetailSlots.Read) is then added.</summary>
    public static bool Enabled { get; private set; }

    public static void Attach(SqliteConnection connection)
    {
        Enabled = true;
        raw.sqlite3_profile(connection.Handle, Hook, null);
    }

    /// <summary>Adds the time of SQLite's work outside statements, since <paramref name="started"/> (a Stopwatch timestamp), as one more.</summary>
    public static void AddSince(long started) => Hook(null, null, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalNanoseconds);

    /// <summary>
    /// Times what runs on this thread until disposed as one statement, instead of statement by statement:
    /// for statements stepped side by side (PointRanges), whose times as the hook takes them (from
    /// first step to reset) overlap.
    /// </summary>
    public static WholeTiming Whole() => new(Enabled && !timingWhole);

    public readonly struct WholeTiming : IDisposable
    {
        private readonly long started;

        internal WholeTiming(bool timing)
        {
            if (!timing) return;
            started = System.Diagnostics.Stopwatch.GetTimestamp();
            timingWhole = true;
        }

        public void Dispose()
        {
            if (started == 0) return;
            timingWhole = false;
            AddSince(started);
        }
    }

    public static (double Milliseconds, long Statements) Total => (Interlocked.Read(ref nanoseconds) / 1e6, Interlocked.Read(ref statements));
}
