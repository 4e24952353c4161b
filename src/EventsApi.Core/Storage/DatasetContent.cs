using EventsApi.Core.Domain;
using NodaTime;

namespace EventsApi.Core.Storage;

/// <summary>
/// Everything one import writes: a whole dataset, never a delta. Events come in ascending id
/// order and are enumerated once, so a generator can stream a million of them without holding
/// them in memory.
/// </summary>
public sealed record DatasetContent(
    IReadOnlyList<SourceDocument> Documents,
    IEnumerable<CodedEvent> Events,
    Func<Place, IEnumerable<Place>> PlaceChain,
    Func<Actor, IEnumerable<Actor>> ActorChain,
    IReadOnlyCollection<Actor> DictionaryActors,
    Instant ImportedAt,
    string CoderVersion);
