using EventsApi.Importer.Evaluation;

namespace EventsApi.Importer.Tests;

/// <summary>The evaluator folds names as score.py's norm() does (NFKD, marks dropped, casefold).</summary>
public class ScorerNormTests
{
    [Theory]
    [InlineData("Tëtkino", "tetkino")]
    [InlineData("Orël", "orel")]
    [InlineData("Łódź", "łodz")] // ł has no decomposition: score.py keeps it
    [InlineData("Kup'yans'k", "kup yans k")]
    public void AccentsAndCaseFoldAsInScorePy(string text, string folded) => Assert.Equal(folded, Scorer.Norm(text));

    [Fact]
    public void AnAccentedNameMatchesItsPlainSpelling() => Assert.True(Scorer.LooseEqual("Tëtkino", "Tetkino"));
}
