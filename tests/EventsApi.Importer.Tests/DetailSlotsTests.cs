using Dapper;
using EventsApi.Core.Storage;
using Microsoft.Data.Sqlite;

namespace EventsApi.Importer.Tests;

/// <summary>
/// event_details is in oblast order within each month's run of events (DetailSlots), one row per
/// event, in an import and in a generated dataset.
/// </summary>
public class DetailSlotsTests
{
    [Fact]
    public void EachMonthsDetailsAreInOblastOrderOneRowPerEvent()
    {
        using var dir = new TempDirectory();
        using var corpus = TempDirectory.ImportCorpus(dir);
        using var synthetic = TempDirectory.Synthetic(dir, 3000, seed: 7);

        foreach (var connection in new[] { corpus, synthetic })
        {
            // Each event has one row, with the stored JSON of its id.
            var rows = connection.Query<(string Id, string Details)>("SELECT e.id, d.details FROM events e JOIN event_details d ON d.seq = e.seq").ToList();
            Assert.Equal(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM events"), rows.Count);
            Assert.Equal(rows.Count, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM event_details"));
            Assert.All(rows, r => Assert.Contains($"\"id\":\"{r.Id}\"", r.Details));

            // A month's rows take its seqs, by oblast (none first) and then by seq.
            var bySlot = connection.Query<(string Month, string? Admin1, long Seq, long Slot)>("""
                SELECT substr(e.date, 1, 7), e.admin1_id, e.seq, d.slot FROM event_details d JOIN events e ON e.seq = d.seq ORDER BY d.slot
                """).ToList();
            foreach (var month in bySlot.GroupBy(r => r.Month))
            {
                Assert.Equal(month.Select(r => r.Seq).Order(), month.Select(r => r.Slot));
                Assert.Equal(month.OrderBy(r => r.Admin1, StringComparer.Ordinal).ThenBy(r => r.Seq).Select(r => r.Seq), month.Select(r => r.Seq));
            }
        }
        // The generated months mix many oblasts: their order is not the seq order by chance.
        Assert.True(synthetic.ExecuteScalar<long>("SELECT COUNT(*) FROM event_details WHERE slot <> seq") > 1000);
        SqliteConnection.ClearAllPools();
    }
}
