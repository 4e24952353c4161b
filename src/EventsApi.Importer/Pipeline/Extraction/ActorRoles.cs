using System.Text.RegularExpressions;
using EventsApi.Core.Domain;
using EventsApi.Importer.Pipeline.Merging;
using EventsApi.Importer.Pipeline.Normalisation;

namespace EventsApi.Importer.Pipeline.Extraction;

/// <summary>
/// Codebook rule 6: each actor of an event with its role, from where it stands relative to the
/// trigger: who acts before the verb or after "by", who is acted on after it; participants of
/// talks and exchanges in the trigger's clause; the claimant of a claim; a statement's speaker
/// and whom it addresses.
/// </summary>
public sealed partial class ActorRoles(ActorRelations relations)
{
    public List<EventActor> Of(string type, string subtype, Trigger trigger, List<ActorMention> mentions, string sentence)
    {
        var before = mentions.Where(a => a.Start < trigger.Start).ToList();
        var after = mentions.Where(a => a.Start >= trigger.Start && !before.Contains(a)).ToList();
        var roles = new List<EventActor>();
        void Add(Actor actor, ActorRole role)
        {
            if (!roles.Any(r => r.Actor.Id == actor.Id)) roles.Add(new EventActor(actor, role));
        }
        switch (type)
        {
            case "strike" or "battle":
            {
                var byAgent = after.FirstOrDefault(a => ByBefore().IsMatch(sentence.AsSpan(0, a.Start)) && a.Start - trigger.End < 80);
                var adjacent = before.LastOrDefault(a => trigger.Start - a.End <= 25 && a.Actor.Kind != ActorKind.Person && !ByBefore().IsMatch(sentence.AsSpan(0, a.Start)));
                var subject = before.FirstOrDefault(a => a.Actor.Kind is ActorKind.ArmedForces or ActorKind.State or ActorKind.Organisation);
                // Interceptions: who shoots down is the initiator; who launched ("drones launched by Russia") the target.
                // "A Ukrainian drone was shot down": the adjective before the weapon names who launched it.
                var passive = subtype == "interception" && Triggers.StartsWithWeapon(sentence.AsSpan(trigger.Start, trigger.Length));
                // "...; the governor blamed Ukraine", "Russia blamed Ukraine for the attack": who is blamed attacked.
                var blamed = mentions.FirstOrDefault(a => BlamedBefore().IsMatch(sentence.AsSpan(0, a.Start)));
                var initiator = passive ? byAgent : subtype == "interception" ? adjacent ?? subject : adjacent ?? byAgent ?? blamed ?? subject;
                // "Border guards came under (Russian) mortar fire (from Russian troops)": the subject is fired on.
                if (UnderFireBefore().Match(sentence, 0, trigger.Start) is { Success: true } under)
                    initiator = before.FirstOrDefault(a => a.Start >= under.Index)
                        ?? after.FirstOrDefault(a => FromBefore().IsMatch(sentence.AsSpan(0, a.Start)) && a.Start - trigger.End < 40);
                if (initiator is not null) Add(initiator.Actor, ActorRole.Initiator);
                foreach (var other in mentions.Where(a => a != initiator && a.Actor.Kind != ActorKind.Person))
                {
                    if (initiator is null || !relations.SameSide(initiator.Actor, other.Actor)) Add(other.Actor, ActorRole.Target);
                }
                // Who withdrew is who lost the place: the other side took it.
                if (subtype == "territory_taken" && Triggers.IsWithdrawal(sentence.AsSpan(trigger.Start, trigger.Length)))
                {
                    var swapped = roles.Select(r => r with { Role = r.Role == ActorRole.Initiator ? ActorRole.Target : ActorRole.Initiator })
                        .OrderBy(r => r.Role != ActorRole.Initiator).ToList();
                    roles.Clear();
                    roles.AddRange(swapped);
                }
                break;
            }
            case "talks" or "prisoner_exchange":
            {
                var (start, end) = SentenceCoder.Clause(sentence, trigger.Start);
                var inClause = mentions.Where(a => a.Start >= start && a.End <= end).ToList();
                foreach (var a in inClause.Count > 0 ? inClause : mentions) Add(a.Actor, ActorRole.Participant);
                break;
            }
            case "territorial_claim":
            {
                var byAgent = after.FirstOrDefault(a => ByBefore().IsMatch(sentence.AsSpan(0, a.Start)) || ControlOfBefore().IsMatch(sentence.AsSpan(0, a.Start)));
                var claimant = mentions.FirstOrDefault(a => a.Actor.Kind == ActorKind.Person) ?? byAgent ?? before.FirstOrDefault() ?? after.FirstOrDefault();
                if (claimant is not null) Add(claimant.Actor, ActorRole.Claimant);
                if (byAgent is not null) Add(byAgent.Actor, ActorRole.Claimant);
                break;
            }
            default:
            {
                var speaker = before.FirstOrDefault(a => a.Actor.Kind == ActorKind.Person) ?? before.FirstOrDefault()
                    ?? after.FirstOrDefault(a => a.Actor.Kind == ActorKind.Person);
                if (speaker is null) break;
                Add(speaker.Actor, ActorRole.Speaker);
                var chain = relations.Chain(speaker.Actor).Select(a => a.Id).ToHashSet();
                // "..., spokeswoman Maria Zakharova said": the speaker's own people are not whom it addresses.
                foreach (var other in after.Where(a => a != speaker && !chain.Contains(a.Actor.Id) && !relations.Chain(a.Actor).Any(c => c.Id == speaker.Actor.Id)).Take(2))
                    Add(other.Actor, ActorRole.Addressee);
                break;
            }
        }
        return roles;
    }

    [GeneratedRegex(@"\bby\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", RegexOptions.IgnoreCase | RegexOptions.RightToLeft)]
    private static partial Regex ByBefore();

    [GeneratedRegex(@"\bcontrol\s+(?:of|over)\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.RightToLeft)]
    private static partial Regex ControlOfBefore();

    [GeneratedRegex(@"\b(?:came|come|comes|coming)\s+under\s+(?:[\w-]+\s+)?$", RegexOptions.IgnoreCase | RegexOptions.RightToLeft)]
    private static partial Regex UnderFireBefore();

    [GeneratedRegex(@"\b(?:blamed|blames|blaming)\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.RightToLeft)]
    private static partial Regex BlamedBefore();

    [GeneratedRegex(@"\bfrom\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.RightToLeft)]
    private static partial Regex FromBefore();
}
