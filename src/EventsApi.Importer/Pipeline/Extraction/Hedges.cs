using System.Text.RegularExpressions;
using EventsApi.Core.Domain;

namespace EventsApi.Importer.Pipeline.Extraction;

/// <summary>
/// Codebook rule 1: plans, hopes, conditionals and denials do not create the event they mention.
/// Looks at the words before a trigger, back to the start of its clause or to an action of another
/// kind before it ("discussed a possible prisoner exchange in a phone call": the exchange is possible,
/// the call took place), and at the trigger's own words for a negation ("held no talks").
/// </summary>
public static partial class Hedges
{
    public static bool Blocks(string narration, Trigger trigger, string type, IReadOnlyList<Trigger> all)
    {
        var from = Math.Max(0, trigger.Start - 60);
        // Only an action of another kind ends the hedge's reach: "would launch drones and missiles" hedges both.
        foreach (var other in all)
        {
            if (other.End <= trigger.Start && other.End > from && Taxonomy.TypeOf(other.Subtype) is var kind && kind != type && kind != "statement") from = other.End;
        }
        var before = narration[from..trigger.Start];
        var boundary = ClauseBoundary().Matches(before).LastOrDefault();
        if (boundary is not null) before = before[(boundary.Index + boundary.Length)..];
        if (type == "statement") return Negation().IsMatch(before);
        if (Negation().IsMatch(narration.AsSpan(trigger.Start, trigger.Length))) return true;
        // An exchange or talks agreed are coded (codebook table): "agreed (on 16 May) to exchange" is no hedge.
        if (type == "prisoner_exchange" || type == "talks") return Negation().IsMatch(before) || Plan().IsMatch(AgreedTo().Replace(before, ""));
        return Negation().IsMatch(before) || Plan().IsMatch(before);
    }

    [GeneratedRegex(@"[,;:—–()]|\b(?:and|but|while|when|after|as)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseBoundary();

    [GeneratedRegex(@"\bagreed\b(?:\s+[^\s,;]+){0,4}?\s+to\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgreedTo();

    [GeneratedRegex(@"\b(?:not|never|no|denied|denies|deny|dismissed|rejected)\b|n['’]t\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    /// <summary>Words of a plan or a hope. (Only a lower-case "may" is one: "on 25 May" is a date.)</summary>
    [GeneratedRegex(@"\b(?:will|would|could|(?-i:may)|might|plans?|planned|planning|intends?|intended|ready|willing|unwilling|if|unless|expect|expects|expected|expecting|likely|poised|hopes?|hoped|vowed|vows|promised|promises|threatened|threatens|proposed|proposes|offered|next|future|potential|possible|possibly|any|should|must|wants?|wanted|seeks?|sought|aims?|aimed|urged|urging|failed|refused|unable|attempting|attempted|trying|tried|prepared|preparing|agree|agrees|agreed|to\s+be)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Plan();
}
