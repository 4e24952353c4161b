using System.Globalization;
using System.Text;
using Dapper;
using EventsApi.Core.Storage;
using Microsoft.Data.Sqlite;

namespace EventsApi.Importer.Tests;

/// <summary>
/// The full-text index is built in a side file and its pages copied into the dataset's (SearchIndexBuild):
/// the copy must be a sound FTS5 index that finds, for each word, exactly the events whose summary or
/// quotes hold it, as the stored events say.
/// </summary>
public class SearchIndexBuildTests
{
    [Fact]
    public void TheCopiedIndexFindsTheEventsWhoseTextHoldsEachWord()
    {
        using var dir = new TempDirectory();
        // To write: FTS5's check is a command written as an insert.
        using var connection = TempDirectory.OpenToWrite(TempDirectory.SyntheticFile(dir, 2000, seed: 11));
        // FTS5's own check of its index's structure: it fails on a segment or page out of place.
        connection.Execute("INSERT INTO event_search (event_search) VALUES ('integrity-check')");

        var seqs = connection.Query<(long Seq, string Id)>("SELECT seq, id FROM events").ToDictionary(e => e.Id, e => e.Seq);
        var words = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        foreach (var stored in new EventQueries(connection).Stream(new EventFilter(), EventSort.Default, null, int.MaxValue).Select(EventDetails.Read))
        {
            var text = stored.Summary + "\n" + string.Join("\n", stored.Sources.Select(s => s.Quote));
            foreach (var word in Words(text))
            {
                if (!words.TryGetValue(word, out var events)) words[word] = events = [];
                events.Add(seqs[stored.Id]);
            }
        }
        Assert.Equal(2000, words.Values.SelectMany(e => e).Distinct().Count());

        // Common words, rare ones and those in between.
        var sample = words.OrderByDescending(w => w.Value.Count).ThenBy(w => w.Key, StringComparer.Ordinal).Where((_, i) => i % 7 == 0).Take(60).ToList();
        Assert.Contains(sample, w => w.Value.Count > 500);
        Assert.Contains(sample, w => w.Value.Count < 5);
        foreach (var (word, events) in sample)
        {
            var found = connection.Query<long>("SELECT rowid FROM event_search WHERE event_search MATCH @match", new { match = FullText.Quoted(word) });
            Assert.True(events.SetEquals(found), $"the index's events for \"{word}\" are not those whose text holds it");
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The words of a text as the index's tokenizer makes them: runs of letters and digits, lower case, without diacritics.</summary>
    private static IEnumerable<string> Words(string text)
    {
        var folded = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(char.ToLowerInvariant(c));
        var word = new StringBuilder();
        foreach (var c in folded.Append(' ').ToString())
        {
            if (char.IsLetterOrDigit(c)) word.Append(c);
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
    }
}
