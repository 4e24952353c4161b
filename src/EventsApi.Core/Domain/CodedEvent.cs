namespace EventsApi.Core.Domain;

public sealed record EventActor(Actor Actor, ActorRole Role);

/// <summary>The sentence(s) of one document that an event was coded from.</summary>
public sealed record EventSource(string DocumentId, string Quote, int Offset, int Length);

public sealed record Quantity(long Value, string Unit);

/// <summary>An event as the coder produces it and the store keeps it (domain shape, not the wire shape).</summary>
public sealed record CodedEvent(
    string Id,
    string Type,
    string Subtype,
    EventDate Date,
    ResolvedPlace? Place,
    IReadOnlyList<EventActor> Actors,
    int? Fatalities,
    int? Injured,
    Quantity? Quantity,
    string Summary,
    IReadOnlyList<EventSource> Sources);
