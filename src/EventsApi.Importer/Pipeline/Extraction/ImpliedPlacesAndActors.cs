using System.Text.RegularExpressions;
using EventsApi.Core.Dictionaries;
using EventsApi.Core.Domain;
using EventsApi.Importer.Pipeline.Merging;
using EventsApi.Importer.Pipeline.Normalisation;

namespace EventsApi.Importer.Pipeline.Extraction;

/// <summary>
/// One action as the sentence coder has read it so far. Roles is completed in place; Clause is the
/// text of the action's own clause.
/// </summary>
public sealed record ImpliedFacts(
    string Type, string Subtype, Trigger Trigger, List<EventActor> Roles, List<ResolvedPlace> Places,
    SentenceMentions Mentions, List<ActorMention> ActorsInAction, string Clause);

/// <summary>
/// Codebook rules 5 and 6 where the text leaves them implicit, as a careful coder reads them: where
/// an action no place is named for happened, and who acted when only the side acted on is named.
/// </summary>
public sealed partial class ImpliedPlacesAndActors(Gazetteer gazetteer, ActorDictionary actors, ActorRelations relations)
{
    /// <summary>The action's places, completed; its roles are completed in place.</summary>
    public List<ResolvedPlace> Complete(ImpliedFacts a, SentenceContext context)
    {
        var (type, subtype, roles, resolved, m) = (a.Type, a.Subtype, a.Roles, a.Places, a.Mentions);
        bool NoInitiator() => !roles.Any(r => r.Role == ActorRole.Initiator);

        // "Separately, units repelled an assault near Robotyne": a village the gazetteer lacks, in a report
        // that has just placed an event, lies in that event's region.
        if (resolved.Count == 0 && type is "strike" or "battle" && UnresolvedPlaces.In(a.Clause, gazetteer).Any()
            && context.Places.Select(gazetteer.Resolve).FirstOrDefault(p => p.Admin1 is not null)?.Admin1 is { } region)
            resolved = [gazetteer.Resolve(region)];
        // An attack the text places nowhere happened where its target is; air defence fires over its own country.
        var located = subtype == "interception" ? ActorRole.Initiator : ActorRole.Target;
        if (resolved.Count == 0 && type is "strike" && roles.FirstOrDefault(r => r.Role == located) is { } target)
            resolved = CountryOf(target.Actor);
        // "The enemy shelled Kupiansk": in a report from one side, the enemy is the other side's armed forces.
        if (type is "strike" or "battle" && NoInitiator() && EnemyBefore().IsMatch(m.Narration.AsSpan(0, a.Trigger.Start))
            && resolved.FirstOrDefault()?.Country?.CountryCode is { } where && actors.EnemyIn(where) is { } enemy)
            roles.Insert(0, new EventActor(enemy, ActorRole.Initiator));
        // "Soldiers of the 47th brigade destroyed three Russian tanks": whoever hit one side's forces, named as
        // the action's object, is the other side. (Not in a battle, where who comes after the verb is only
        // the other side; not a side named in a later clause: "explosions ... as Russian forces fired".)
        if (type is "strike" && subtype != "interception" && NoInitiator()
            && roles.FirstOrDefault(r => r.Role == ActorRole.Target && r.Actor.Kind == ActorKind.ArmedForces) is { } hit
            && a.ActorsInAction.FirstOrDefault(x => x.Actor.Id == hit.Actor.Id) is { } named && IsObject(m.Narration, a.Trigger, named)
            && hit.Actor.CountryCode is { } side && actors.EnemyIn(side) is { } attacker)
            roles.Insert(0, new EventActor(attacker, ActorRole.Initiator));
        // "Air defence systems intercepted 167 UAVs, the Russian Defence Ministry said": nothing in it says where,
        // but a ministry reports its own air defence, over its own country.
        if (subtype == "interception" && m.Places.Count == 0 && NoInitiator()
            && m.Actors.Except(a.ActorsInAction).Select(x => x.Actor.CountryCode).FirstOrDefault(c => c is not null && actors.AirDefenceOf(c) is not null) is { } reporter)
            resolved = CountryOf(actors.AirDefenceOf(reporter)!);
        // Nobody named shot it down: the air defence of the country it was shot down over did.
        if (subtype == "interception" && NoInitiator()
            && resolved.FirstOrDefault()?.Country?.CountryCode is { } over && actors.AirDefenceOf(over) is { } defence)
            roles.Insert(0, new EventActor(defence, ActorRole.Initiator));
        // "Russian forces occupy 18 per cent of Ukraine": a claim is about the other side's state.
        if (resolved.Count == 0 && type is "territorial_claim")
            resolved = m.Actors.Where(x => x.Actor.Kind == ActorKind.State && !roles.Any(r => relations.SameSide(r.Actor, x.Actor)))
                .Select(x => CountryOf(x.Actor)).FirstOrDefault(c => c.Count > 0) ?? [];
        return resolved;
    }

    /// <summary>Named right after the action's words, in the same clause.</summary>
    private static bool IsObject(string sentence, Trigger trigger, ActorMention named) =>
        named.Start >= trigger.End && named.Start - trigger.End <= 40
        && !ClauseBreak().IsMatch(sentence.AsSpan(trigger.End, named.Start - trigger.End));

    private List<ResolvedPlace> CountryOf(Actor actor)
    {
        var country = actor.CountryCode is null ? null : gazetteer.Find(actor.CountryCode);
        return country is null ? [] : [gazetteer.Resolve(country)];
    }

    [GeneratedRegex(@"\b(?:the\s+)?enemy(?:\s+(?:forces|troops|army|units|artillery|aviation|drones?))?\s+(?:[\w-]+\s+){0,3}$|\b(?:the\s+)?(?:Russian\s+)?occupiers\s+(?:[\w-]+\s+){0,3}$", RegexOptions.IgnoreCase)]
    private static partial Regex EnemyBefore();

    [GeneratedRegex(@"[,;:]|\b(?:as|when|while|after|and|but|which|who)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseBreak();
}
