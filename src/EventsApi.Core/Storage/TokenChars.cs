using System.Collections;
using Microsoft.Data.Sqlite;

namespace EventsApi.Core.Storage;

/// <summary>
/// The letters and digits the search index's tokenizer does not keep inside a word. .NET's Unicode
/// data is newer than SQLite's unicode61 tables: a few letters (New Tai Lue's vowel signs, some Vedic
/// signs) are separators to SQLite, so a word holding one is indexed as several terms. The index keeps
/// no positions (detail = none), so it cannot match those terms as a phrase, and a quoted word that
/// tokenizes to several is an error: such a word is searched as its parts instead (FullText).
/// Found by asking the SQLite this process runs, once, when a search first has a non-ASCII word.
/// </summary>
public static class TokenChars
{
    private static readonly Lazy<BitArray> Separating = new(Probe);

    /// <summary>Whether the tokenizer ends a word at <paramref name="c"/>, a letter or digit to .NET.</summary>
    public static bool Separates(char c) => c >= 0x80 && Separating.Value[c];

    /// <summary>
    /// Each non-ASCII letter or digit of the Basic Multilingual Plane, between two letters, through
    /// the index's own tokenizer: where the row holds more than one term, the character separates.
    /// (Outside that plane a character is two UTF-16 halves, neither a letter to char.IsLetterOrDigit.)
    /// </summary>
    private static BitArray Probe()
    {
        var separating = new BitArray(char.MaxValue + 1);
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"""
                CREATE VIRTUAL TABLE probe USING fts5 (text, tokenize = '{Tokenizer}');
                CREATE VIRTUAL TABLE probe_terms USING fts5vocab (probe, 'instance');
                """;
            create.ExecuteNonQuery();
        }
        using (var transaction = connection.BeginTransaction())
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO probe (rowid, text) VALUES ($c, $text)";
            var code = insert.Parameters.Add("$c", SqliteType.Integer);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            for (var c = 0x80; c <= char.MaxValue; c++)
            {
                if (!char.IsLetterOrDigit((char)c)) continue;
                (code.Value, text.Value) = (c, $"a{(char)c}b");
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        using var split = connection.CreateCommand();
        split.CommandText = "SELECT doc FROM probe_terms GROUP BY doc HAVING COUNT(*) > 1";
        using var reader = split.ExecuteReader();
        while (reader.Read()) separating[(int)reader.GetInt64(0)] = true;
        return separating;
    }

    /// <summary>The tokenizer of event_search (migration 0001).</summary>
    public const string Tokenizer = "unicode61 remove_diacritics 2";
}
