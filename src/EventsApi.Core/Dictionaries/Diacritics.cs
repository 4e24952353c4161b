namespace EventsApi.Core.Dictionaries;

/// <summary>
/// Latin letters without their diacritics ("ë" as "e"), as decomposing a letter and dropping its marks
/// would give. Not string.Normalize: the project runs with invariant globalization, where it leaves
/// text as it is, so "Orël" (GeoNames' spelling of Oryol) kept its "ë".
/// </summary>
public static class Diacritics
{
    // The lower-case letters of Latin-1, Latin Extended-A and -B that decompose into a plain letter and marks.
    private const string Marked = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳ";
    private const string Unmarked = "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooy";

    /// <summary>A lower-case letter without its marks; any other character as it is.</summary>
    public static char Without(char lower)
    {
        if (lower <= '\x7f') return lower;
        var marked = Marked.IndexOf(lower);
        return marked < 0 ? lower : Unmarked[marked];
    }
}
