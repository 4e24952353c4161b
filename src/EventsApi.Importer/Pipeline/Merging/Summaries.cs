using EventsApi.Core.Domain;

namespace EventsApi.Importer.Pipeline.Merging;

/// <summary>A one-line, readable description of a coded event, built only from its coded fields.</summary>
public static class Summaries
{
    public static string Of(string subtype, IReadOnlyList<EventActor> actors, ResolvedPlace? place, int? killed, int? injured, Quantity? quantity)
    {
        string Names(params ActorRole[] roles) => string.Join(", ", actors.Where(a => roles.Contains(a.Role)).Select(a => a.Actor.Name));
        var label = subtype.Replace('_', ' ');
        label = char.ToUpperInvariant(label[0]) + label[1..];
        var text = label;
        var agents = Names(ActorRole.Initiator, ActorRole.Claimant, ActorRole.Speaker);
        var participants = Names(ActorRole.Participant);
        var targets = Names(ActorRole.Target, ActorRole.Addressee);
        if (agents.Length > 0) text += " by " + agents;
        if (participants.Length > 0) text += " between " + participants;
        if (targets.Length > 0) text += (subtype is "accusation" or "denial" or "threat" or "appeal" ? " addressed to " : " against ") + targets;
        if (place is not null)
        {
            var parts = new List<string> { place.Place.Name };
            if (place.Admin1 is not null && place.Admin1.Id != place.Place.Id) parts.Add(place.Admin1.Name);
            if (place.Country is not null && place.Country.Id != place.Place.Id) parts.Add(place.Country.Name);
            text += " in " + string.Join(", ", parts);
        }
        var tolls = new List<string>();
        if (killed is not null) tolls.Add($"{killed} killed");
        if (injured is not null) tolls.Add($"{injured} injured");
        if (quantity is not null) tolls.Add($"{quantity.Value:N0} {quantity.Unit}");
        return text + (tolls.Count > 0 ? "; " + string.Join(", ", tolls) : "") + ".";
    }
}
