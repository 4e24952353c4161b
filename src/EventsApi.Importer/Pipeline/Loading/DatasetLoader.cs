using EventsApi.Core.Dictionaries;
using EventsApi.Core.Domain;
using EventsApi.Core.Storage;
using EventsApi.Importer.Pipeline.Merging;
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
        var ordered = events.Order(Comparer<CodedEvent>.Create(DatasetContent.StorageOrder)).ToList();
        var content = new DatasetContent(documents, ordered, gazetteer.SelfAndAncestors, new ActorRelations(actors).Chain,
            actors.All, importedAt, coderVersion);
        return DatabaseFile.Replace(databasePath, temporary => DatasetWriter.Write(temporary, content));
    }

}
