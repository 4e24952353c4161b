using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>
/// Statements kept prepared on a connection for as long as it is open: the API's requests run the
/// same few statements over and over, and preparing one afresh (parsing and planning it) cost
/// 20 µs for one event by id and about 230 µs of a region page's three statements. A SqliteCommand
/// keeps its statement prepared between executions, so each connection keeps one command per SQL
/// text; Dapper's own calls create and dispose a command each time. Rows are still mapped by
/// Dapper's row parsers. The API pools its connections (DatasetSource) for the cache to last.
/// </summary>
public static class PreparedStatements
{
    /// <summary>SQL texts kept per connection. Texts vary with the length of list parameters, a page's
    /// limit and a few filters' shapes; past this many, the least recently added are dropped, so a
    /// connection holds a bounded number of prepared statements (each with its compiled program) however it is used.</summary>
    private const int MaxPerConnection = 64;

    private sealed class Cache
    {
        public readonly Dictionary<string, SqliteCommand> Commands = new(StringComparer.Ordinal);
        public readonly Queue<string> Added = new();
    }

    private static readonly ConditionalWeakTable<SqliteConnection, Cache> Caches = new();

    public static List<T> QueryPrepared<T>(this SqliteConnection connection, string sql, object? parameters = null)
    {
        using var reader = connection.ReadPrepared(sql, parameters);
        var rows = new List<T>();
        if (!reader.Read()) return rows;
        // Dapper's row parsers map rows to types; a column of strings or numbers is read as it is.
        var parse = IsValue(typeof(T)) ? r => Converted<T>(r.GetValue(0))! : reader.GetRowParser<T>();
        do rows.Add(parse(reader)); while (reader.Read());
        return rows;
    }

    /// <summary>The rows, to read column by column. Dispose the reader before the same SQL runs again: it is the same statement.</summary>
    public static SqliteDataReader ReadPrepared(this SqliteConnection connection, string sql, object? parameters = null) =>
        Bound(connection, sql, parameters).ExecuteReader();

    private static bool IsValue(Type type) => type == typeof(string) || (Nullable.GetUnderlyingType(type) ?? type).IsPrimitive;

    /// <summary>The first column of the first row, or default when there is no row or it is NULL.</summary>
    public static T? ScalarPrepared<T>(this SqliteConnection connection, string sql, object? parameters = null) =>
        Converted<T>(Bound(connection, sql, parameters).ExecuteScalar());

    private static T? Converted<T>(object? value) => value is null or DBNull
        ? default
        : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The connection's command for this SQL (lists spread as Dapper spreads them), with the values bound.</summary>
    private static SqliteCommand Bound(SqliteConnection connection, string sql, object? parameters)
    {
        var values = Values(parameters);
        foreach (var (name, value) in values)
        {
            if (value is not object?[] list) continue;
            // An empty list matches nothing, as with Dapper.
            var spread = list.Length == 0 ? "(SELECT NULL WHERE 0)" : "(" + string.Join(", ", Enumerable.Range(1, list.Length).Select(i => $"@{name}{i}")) + ")";
            sql = Regex.Replace(sql, $"@{Regex.Escape(name)}(?!\\w)", spread);
        }
        var command = Prepared(connection, sql);
        command.Parameters.Clear();
        foreach (var (name, value) in values)
        {
            if (value is object?[] list)
                for (var i = 0; i < list.Length; i++) command.Parameters.AddWithValue($"@{name}{i + 1}", list[i] ?? DBNull.Value);
            else command.Parameters.AddWithValue("@" + name, value ?? DBNull.Value);
        }
        return command;
    }

    private static SqliteCommand Prepared(SqliteConnection connection, string sql)
    {
        var cache = Caches.GetOrCreateValue(connection);
        if (cache.Commands.TryGetValue(sql, out var known)) return known;
        if (cache.Commands.Count >= MaxPerConnection && cache.Commands.Remove(cache.Added.Dequeue(), out var dropped)) dropped.Dispose();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        cache.Commands[sql] = command;
        cache.Added.Enqueue(sql);
        return command;
    }

    /// <summary>
    /// The parameters' names and values, from DynamicParameters or an anonymous object's properties;
    /// a list (any sequence but text and blobs) as an array, read once, to spread and bind (and, as text,
    /// to key the counts EventQueries keeps).
    /// </summary>
    internal static List<(string Name, object? Value)> Values(object? parameters) => parameters switch
    {
        null => [],
        DynamicParameters dynamic => dynamic.ParameterNames.Select(n => (n, AsList(((SqlMapper.IParameterLookup)dynamic)[n]))).ToList(),
        _ => GettersOf(parameters.GetType()).Select(p => (p.Name, AsList(p.Get(parameters)))).ToList(),
    };

    /// <summary>
    /// An anonymous type's properties, each with a compiled getter, made once per type: read by
    /// reflection (PropertyInfo.GetValue) on every request they were 1.5% of a region page's CPU.
    /// </summary>
    private static (string Name, Func<object, object?> Get)[] GettersOf(Type type) => Getters.GetOrAdd(type, static type =>
        [.. type.GetProperties().Select(property =>
        {
            var instance = Expression.Parameter(typeof(object));
            var read = Expression.Convert(Expression.Property(Expression.Convert(instance, type), property), typeof(object));
            return (property.Name, Expression.Lambda<Func<object, object?>>(read, instance).Compile());
        })]);

    private static readonly ConcurrentDictionary<Type, (string Name, Func<object, object?> Get)[]> Getters = new();

    private static object? AsList(object? value) => value is IEnumerable list and not string and not byte[] ? list.Cast<object?>().ToArray() : value;
}
