using EventsApi.Core.Dictionaries;
using EventsApi.Core.Domain;

namespace EventsApi.Importer.Pipeline.Merging;

/// <summary>Whether two actors can be the same party: equal, or one under the other (Peskov, Kremlin, Russia).</summary>
public sealed class ActorRelations(ActorDictionary dictionary)
{
    public bool Related(Actor a, Actor b)
    {
        if (a.Id == b.Id) return true;
        var ka = Known(a);
        var kb = Known(b);
        if (ka is null || kb is null) return false;
        return dictionary.SelfAndAncestors(ka).Any(x => x.Id == kb.Id) || dictionary.SelfAndAncestors(kb).Any(x => x.Id == ka.Id);
    }

    /// <summary>The same side: the states at the top of both chains are one (Pasechnik and the Russian Armed Forces).</summary>
    public bool SameSide(Actor a, Actor b) => Chain(a).Last().Id == Chain(b).Last().Id;

    /// <summary>An actor the dictionary lacks counts as its country, where the text made that clear.</summary>
    private Actor? Known(Actor actor) => actor.Known ? actor : actor.CountryCode is null ? null : dictionary.Find(actor.CountryCode);

    public IEnumerable<Actor> Chain(Actor actor) => actor.Known ? dictionary.SelfAndAncestors(actor) :
        actor.CountryCode is not null && dictionary.Find(actor.CountryCode) is { } country ? dictionary.SelfAndAncestors(country).Prepend(actor) : [actor];
}
