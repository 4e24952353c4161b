using EventsApi.Core.Domain;
using EventsApi.Importer.Pipeline;

namespace EventsApi.Importer.Tests;

/// <summary>
/// The golden corpus: short articles the team wrote, each with the events it must yield as
/// "# expect:" lines in its front matter (which the reader skips as comments):
///
///   # expect: type/subtype | date[..date_end] precision | place | admin1 | country | actors | killed injured [| sources=N]
///   # expect: none
///
/// actors: comma-separated actor ids, each optionally ":role"; "-" for none or null. Every rule
/// change runs them all; a coding bug found in the field becomes a new file here.
/// </summary>
public class CorpusTests
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static TheoryData<string> Files() => [.. Directory.GetFiles(CorpusDirectory, "*.txt").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void TheCorpusCoversEverySubtype()
    {
        var expected = Directory.GetFiles(CorpusDirectory, "*.txt").SelectMany(Expectations).Select(e => e.Subtype).ToHashSet();
        Assert.True(Directory.GetFiles(CorpusDirectory, "*.txt").Length >= 40);
        var missing = Taxonomy.SubtypeNames.Where(s => s != "other" && !expected.Contains(s)).ToList();
        Assert.True(missing.Count == 0, "no corpus article for: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ArticleYieldsExactlyItsExpectedEvents(string file)
    {
        var path = Path.Combine(CorpusDirectory, file);
        var expected = Expectations(path);
        var (_, rejections, events) = new ImportPipeline(DataFiles.Load(), new FixedClock(NodaTime.Instant.FromUtc(2026, 1, 1, 0, 0))).Code([path]);

        Assert.Empty(rejections);
        var described = string.Join("\n", events.Select(Describe));
        Assert.True(expected.Count == events.Count, $"expected {expected.Count} events, coded {events.Count}:\n{described}");
        foreach (var want in expected)
        {
            var match = events.FirstOrDefault(e => Fits(want, e));
            Assert.True(match is not null, $"no event fits\n  {want.Line}\ncoded:\n{described}");
        }
    }

    private sealed record Expected(string Line, string Type, string Subtype, string Date, string DateEnd, string Precision,
        string? Place, string? Admin1, string? Country, IReadOnlyList<(string Id, string? Role)> Actors, int? Killed, int? Injured, int? Sources);

    private static List<Expected> Expectations(string path) => File.ReadLines(path)
        .TakeWhile((line, i) => i == 0 || line != "---")
        .Where(l => l.StartsWith("# expect: ", StringComparison.Ordinal))
        .Select(l => l["# expect: ".Length..])
        .Where(l => l != "none")
        .Select(Parse)
        .ToList();

    private static Expected Parse(string line)
    {
        var f = line.Split('|').Select(s => s.Trim()).ToArray();
        var types = f[0].Split('/');
        var dateParts = f[1].Split(' ');
        var range = dateParts[0].Split("..");
        string? Value(string s) => s == "-" ? null : s;
        var actors = f[5] == "-" ? [] : f[5].Split(',').Select(a => a.Split(':')).Select(p => (p[0], p.Length > 1 ? p[1] : null)).ToList();
        var tolls = f[6].Split(' ');
        int? Number(string s) => s == "-" ? null : int.Parse(s);
        int? sources = f.Length > 7 ? int.Parse(f[7].Split('=')[1]) : null;
        return new Expected(line, types[0], types[1], range[0], range.Length > 1 ? range[1] : range[0], dateParts[1],
            Value(f[2]), Value(f[3]), Value(f[4]), actors, Number(tolls[0]), Number(tolls[1]), sources);
    }

    private static bool Fits(Expected want, CodedEvent e) =>
        e.Type == want.Type && e.Subtype == want.Subtype
        && e.Date.StartIso == want.Date && e.Date.EndIso == want.DateEnd && e.Date.Precision.ToWire() == want.Precision
        && e.Place?.Place.Name == want.Place && (e.Place?.Admin1?.Name ?? null) == want.Admin1 && e.Place?.Country?.Id == want.Country
        && want.Actors.All(a => e.Actors.Any(x => Chain(x.Actor).Contains(a.Id) && (a.Role is null || x.Role.ToWire() == a.Role)))
        && e.Fatalities == want.Killed && e.Injured == want.Injured
        && (want.Sources is null || e.Sources.Count == want.Sources);

    /// <summary>An expected actor matches the coded one or any actor above it ("RUS" matches the Russian Armed Forces).</summary>
    private static IEnumerable<string> Chain(Actor actor) =>
        actor.Known ? DataFiles.Load().Actors.SelfAndAncestors(actor).Select(a => a.Id) : [actor.Id];

    private static string Describe(CodedEvent e) =>
        $"  {e.Type}/{e.Subtype} | {e.Date.StartIso}..{e.Date.EndIso} {e.Date.Precision.ToWire()} | {e.Place?.Place.Name ?? "-"} | {e.Place?.Admin1?.Name ?? "-"} | {e.Place?.Country?.Id ?? "-"} | "
        + string.Join(",", e.Actors.Select(a => $"{a.Actor.Id}:{a.Role.ToWire()}")) + $" | {e.Fatalities?.ToString() ?? "-"} {e.Injured?.ToString() ?? "-"} | sources={e.Sources.Count}";
}
