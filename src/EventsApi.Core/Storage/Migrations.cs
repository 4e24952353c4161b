using System.Reflection;
using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>
/// Applies the numbered scripts in Storage/Migrations in order and records the last one in
/// PRAGMA user_version, so a database says which schema it has.
/// </summary>
public static class Migrations
{
    private static readonly Assembly Assembly = typeof(Migrations).Assembly;

    public static IReadOnlyList<(int Number, string Name)> All { get; } = Assembly.GetManifestResourceNames()
        .Where(n => n.EndsWith(".sql", StringComparison.Ordinal))
        .Select(n => (Number: int.Parse(n.Split('.')[^2].Split('_')[0]), Name: n))
        .OrderBy(m => m.Number)
        .ToList();

    public static int Latest => All[^1].Number;

    public static void Apply(SqliteConnection connection, int upTo = int.MaxValue)
    {
        var current = Convert.ToInt32(new SqliteCommand("PRAGMA user_version", connection).ExecuteScalar());
        foreach (var (number, name) in All.Where(m => m.Number > current && m.Number <= upTo))
        {
            using var stream = Assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = reader.ReadToEnd() + $"\nPRAGMA user_version = {number};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}
