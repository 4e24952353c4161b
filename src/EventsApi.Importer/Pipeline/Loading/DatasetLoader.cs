using EventsApi.Core.Dictionaries;
using EventsApi.Core.Domain;
using EventsApi.Core.Storage;
using NodaTime;

namespace EventsApi.Importer.Pipeline.Loading;

/// <summary>
/// Writes the coded dataset to a new file beside the target and renames it over the target only
/// once it is complete and verified: a failed run leaves the served database as it was.
/// </summary>
public static class DatasetLoader
{
    public static string Load(string databasePath, IReadOnlyList<SourceDocument> documents, IReadOnlyList<CodedEvent> events,
        Gazetteer gazetteer, ActorDictionary actors, Instant importedAt, string coderVersion)
    {
        var ordered = events.OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        var content = new DatasetContent(documents, ordered, gazetteer.SelfAndAncestors, actors.SelfAndAncestorsOrSelf,
            actors.All, importedAt, coderVersion);
        return DatabaseFile.Replace(databasePath, temporary => DatasetWriter.Write(temporary, content));
    }

    /// <summary>Unknown actors have no dictionary chain; their country stands above them.</summary>
    private static IEnumerable<Actor> SelfAndAncestorsOrSelf(this ActorDictionary actors, Actor actor) =>
        actor.Known ? actors.SelfAndAncestors(actor)
        : actor.CountryCode is not null && actors.Find(actor.CountryCode) is { } country ? actors.SelfAndAncestors(country).Prepend(actor) : [actor];
}
