using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EventsApi.Core.Storage;

/// <summary>
/// The time SQLite itself spends running statements, summed over every connection it is attached
/// to (SQLite's profile hook: each statement's run time, in nanoseconds, as it finishes), and its
/// reads of stored events by blob handle. The load benchmark compares it with the server's CPU time
/// per request: what the API adds to the SQL. Off unless Database:ProfileSql is set; the hook costs
/// a little on every statement.
/// </summary>
public static class SqliteTime
{
    private static long nanoseconds;
    private static long statements;

    // One delegate for every connection: SQLitePCL keeps it referenced while a hook uses it.
    private static readonly strdelegate_profile Hook = (_, _, ns) =>
    {
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

    public static (double Milliseconds, long Statements) Total => (Interlocked.Read(ref nanoseconds) / 1e6, Interlocked.Read(ref statements));
}
