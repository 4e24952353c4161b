using EventsApi.Core.Domain;
using NodaTime;

namespace EventsApi.Core.Storage;

/// <summary>Everything one import writes: a whole dataset, never a delta.</summary>
public sealed record DatasetContent(
    IReadOnlyList<SourceDocument> Documents,
    IReadOnlyList<CodedEvent> Events,
    Func<Place, IEnumerable<Place>> PlaceChain,
    Func<Actor, IEnumerable<Actor>> ActorChain,
    IReadOnlyCollection<Actor> DictionaryActors,
    Instant ImportedAt,
    string CoderVersion);
