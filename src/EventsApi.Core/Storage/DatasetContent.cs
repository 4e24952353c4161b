using EventsApi.Core.Domain;
using NodaTime;

namespace EventsApi.Core.Storage;

/// <summary>
/// Everything one import writes: a whole dataset, never a delta. Events come in storage order
/// (<see cref="StorageOrder"/>) and are enumerated once, so a generator can stream a million of
/// them without holding them in memory.
/// </summary>
public sealed record DatasetContent(
    IReadOnlyList<SourceDocument> Documents,
    IEnumerable<CodedEvent> Events,
    Func<Place, IEnumerable<Place>> PlaceChain,
    Func<Actor, IEnumerable<Actor>> ActorChain,
    IReadOnlyCollection<Actor> DictionaryActors,
    Instant ImportedAt,
    string CoderVersion)
{
    /// <summary>
    /// Events are stored by start date, then id: the rows of one period sit together in the file,
    /// so a page of the newest events in a region, or a walk along the dates probing each event's
    /// actors, reads neighbouring pages instead of one page per event.
    /// </summary>
    public static int StorageOrder(CodedEvent a, CodedEvent b)
    {
        var byDate = a.Date.Start.CompareTo(b.Date.Start);
        return byDate != 0 ? byDate : string.CompareOrdinal(a.Id, b.Id);
    }
}
