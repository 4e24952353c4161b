using Dapper;
using EventsApi.Core.Storage;
using Microsoft.Data.Sqlite;

namespace EventsApi.Importer.Tests;

/// <summary>
/// Statements kept prepared on a connection answer as a fresh statement would: each run binds its
/// own values, lists spread as Dapper spreads them, and the results equal Dapper's for the same SQL.
/// </summary>
public sealed class PreparedStatementsTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly SqliteConnection connection;

    public PreparedStatementsTests()
    {
        var path = dir.File("p.db");
        using (var writer = new SqliteConnection(SqliteFiles.ReadWriteCreate(path)))
        {
            writer.Open();
            writer.Execute("""
                CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL);
                INSERT INTO t VALUES (1, 'a', 1.5), (2, 'b', NULL), (3, 'c', 3.5), (4, 'ab', 4.0), (5, 'ba', NULL);
                """);
        }
        connection = SqliteFiles.OpenReadOnly(path);
    }

    public void Dispose()
    {
        connection.Dispose();
        dir.Dispose();
    }

    private sealed record Row(long Id, string Name, double? Score);

    [Fact]
    public void TheSameSqlRunAgainBindsEachRunsValues()
    {
        const string sql = "SELECT id, name, score FROM t WHERE id >= @from ORDER BY id";
        for (var from = 5; from >= 1; from--)
        {
            var rows = connection.QueryPrepared<Row>(sql, new { from });
            Assert.Equal(connection.Query<Row>(sql, new { from }), rows);
            Assert.Equal(6 - from, rows.Count);
        }
    }

    [Theory]
    [InlineData(new long[0])]
    [InlineData(new long[] { 3 })]
    [InlineData(new long[] { 1, 4, 5, 9 })]
    public void ListsAreSpreadLikeDappersIncludingEmptyOnes(long[] ids)
    {
        // @id and @ids both occur: spreading @ids must leave @id alone.
        const string sql = "SELECT name FROM t WHERE id IN @ids OR id = @id ORDER BY id";
        var parameters = new DynamicParameters();
        parameters.Add("ids", ids.ToList());
        parameters.Add("id", 2L);
        var expected = connection.Query<string>(sql, parameters).ToList();
        Assert.Equal(expected, connection.QueryPrepared<string>(sql, parameters));
        Assert.Equal(ids.Count(i => i <= 5) + 1, expected.Count);
    }

    [Fact]
    public void ListsOfDifferentLengthsAreDifferentStatements()
    {
        const string sql = "SELECT COUNT(*) FROM t WHERE name IN @names";
        Assert.Equal(2L, connection.ScalarPrepared<long>(sql, new { names = new[] { "a", "b" } }));
        Assert.Equal(3L, connection.ScalarPrepared<long>(sql, new { names = new[] { "a", "b", "ab" } }));
        Assert.Equal(1L, connection.ScalarPrepared<long>(sql, new { names = new[] { "ba" } }));
    }

    [Fact]
    public void ScalarsAreDefaultWithoutARowOrForNull()
    {
        Assert.Null(connection.ScalarPrepared<double?>("SELECT score FROM t WHERE id = @id", new { id = 2 }));
        Assert.Null(connection.ScalarPrepared<long?>("SELECT id FROM t WHERE name = @name", new { name = "none" }));
        Assert.Equal(0L, connection.ScalarPrepared<long>("SELECT id FROM t WHERE name = @name", new { name = "none" }));
        Assert.Equal(3.5, connection.ScalarPrepared<double?>("SELECT score FROM t WHERE id = @id", new { id = 3 }));
    }

    [Fact]
    public void AReaderLetGoOfRunsAgain()
    {
        const string sql = "SELECT name FROM t WHERE score > @min ORDER BY id";
        for (var run = 0; run < 3; run++)
        {
            var names = new List<string>();
            using (var reader = connection.ReadPrepared(sql, new { min = run }))
                while (reader.Read()) names.Add(reader.GetString(0));
            Assert.Equal(connection.Query<string>(sql, new { min = run }), names);
        }
    }

    [Fact]
    public void TuplesMapByPosition()
    {
        var rows = connection.QueryPrepared<(string Name, long Id)>("SELECT name, id FROM t WHERE id <= @most ORDER BY id", new { most = 2 });
        Assert.Equal([("a", 1L), ("b", 2L)], rows);
    }
}
