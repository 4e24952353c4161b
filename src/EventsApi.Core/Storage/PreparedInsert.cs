using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>
/// One prepared statement reused for every row of a bulk write: parameters are bound by position
/// in the order they first appear in the SQL, so the write loops stay one line per row.
/// </summary>
internal sealed class PreparedInsert : IDisposable
{
    private readonly SqliteCommand command;
    private readonly SqliteParameter[] parameters;

    public PreparedInsert(SqliteConnection connection, string sql)
    {
        command = connection.CreateCommand();
        command.CommandText = sql;
        var names = System.Text.RegularExpressions.Regex.Matches(sql, @"\$[a-z_0-9]+").Select(m => m.Value).Distinct().ToArray();
        parameters = names.Select(n => command.Parameters.Add(new SqliteParameter(n, null))).ToArray();
        command.Prepare();
    }

    public void Run(params object?[] values)
    {
        if (values.Length != parameters.Length)
            throw new ArgumentException($"expected {parameters.Length} values for: {command.CommandText}");
        for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    public void Dispose() => command.Dispose();
}
