namespace EventsApi.Core.Domain;

/// <summary>An entry of the actor dictionary: a person, organisation, armed force or state.</summary>
public sealed record Actor(
    string Id,
    string Name,
    ActorKind Kind,
    string? CountryCode,
    string? ParentId,
    IReadOnlyList<string> Aliases,
    string? Office = null,
    bool Known = true,
    bool IsMedia = false,
    bool IsAirDefence = false,
    bool IsBelligerent = false,
    IReadOnlyList<string>? Demonyms = null);
