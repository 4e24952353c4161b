using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EventsApi.Core.Storage;

/// <summary>
/// One prepared statement reused for every row of a bulk write: parameters are bound by position
/// in the order they first appear in the SQL (SQLite numbers them so), so the write loops stay one
/// line per row.
/// </summary>
/// <remarks>
/// The statement runs on the connection's own SQLite handle rather than as a SqliteCommand: a
/// million events are about five million inserts, and the command's work per row (each parameter looked
/// up by name, its value converted to a UTF-8 array, a data reader to run it) took as long as
/// SQLite's own. Text is bound as it is (UTF-16, which SQLite converts) or as UTF-8 bytes already made.
/// </remarks>
internal sealed class PreparedInsert : IDisposable
{
    private readonly sqlite3 database;
    private readonly sqlite3_stmt statement;
    private readonly int parameterCount;
    private readonly string sql;

    public PreparedInsert(SqliteConnection connection, string sql)
    {
        this.sql = sql;
        database = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(database, sql, out statement), database);
        parameterCount = raw.sqlite3_bind_parameter_count(statement);
    }

    /// <summary>Runs the statement once with these values (null for SQL NULL).</summary>
    public void Run(params ReadOnlySpan<object?> values)
    {
        if (values.Length != parameterCount)
            throw new ArgumentException($"expected {parameterCount} values for: {sql}");
        for (var i = 0; i < values.Length; i++) Bind(i + 1, values[i]);
        var done = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (done != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(done, database);
    }

    private void Bind(int position, object? value)
    {
        var bound = value switch
        {
            null => raw.sqlite3_bind_null(statement, position),
            string text => raw.sqlite3_bind_text16(statement, position, text.AsSpan()),
            Utf8Text text => raw.sqlite3_bind_text(statement, position, text.Bytes.Span),
            long number => raw.sqlite3_bind_int64(statement, position, number),
            int number => raw.sqlite3_bind_int64(statement, position, number),
            double number => raw.sqlite3_bind_double(statement, position, number),
            byte[] blob => raw.sqlite3_bind_blob(statement, position, blob),
            _ => throw new ArgumentException($"cannot bind a {value.GetType().Name} to: {sql}"),
        };
        SqliteException.ThrowExceptionForRC(bound, database);
    }

    public void Dispose() => raw.sqlite3_finalize(statement);
}

/// <summary>Text already encoded as UTF-8 (an event's stored JSON, its search text), bound without converting it again.</summary>
internal readonly record struct Utf8Text(ReadOnlyMemory<byte> Bytes);
