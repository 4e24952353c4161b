using EventsApi.Core.Domain;
using EventsApi.Importer.Pipeline.Extraction;
using EventsApi.Importer.Pipeline.Loading;
using EventsApi.Importer.Pipeline.Merging;
using EventsApi.Importer.Pipeline.Normalisation;
using EventsApi.Importer.Pipeline.Reading;
using NodaTime;

namespace EventsApi.Importer.Pipeline;

/// <summary>Reading -> Extraction (with Normalisation) -> Merging -> Loading.</summary>
public sealed class ImportPipeline(DataFiles data, IClock clock)
{
    private readonly DocumentCoder coder = new(new SentenceCoder(data.Gazetteer, data.Actors), data.Gazetteer, data.Actors);
    private readonly EventMerger merger = new(data.Gazetteer, new ActorRelations(data.Actors));

    public (IReadOnlyList<SourceDocument> Documents, IReadOnlyList<Rejection> Rejections, IReadOnlyList<CodedEvent> Events) Code(IEnumerable<string> files)
    {
        var today = clock.GetCurrentInstant().InUtc().Date;
        var (documents, rejections) = DocumentReader.ReadAll(files, today);
        var candidates = documents.SelectMany(coder.Code).ToList();
        return (documents, rejections, merger.Merge(candidates));
    }

    /// <summary>Imports every document of a directory into a new database that replaces the target.</summary>
    public ImportReport Run(string documentsDirectory, string databasePath)
    {
        if (!Directory.Exists(documentsDirectory))
            return new ImportReport(0, [new Rejection(documentsDirectory, "directory", "does not exist")], new Dictionary<string, int>(), [], [], null);
        var (documents, rejections, events) = Code(DocumentReader.FilesIn(documentsDirectory));
        var byType = events.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.Count());
        var unknown = events.SelectMany(e => e.Actors).Where(a => !a.Actor.Known).Select(a => a.Actor.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        var unresolved = documents.SelectMany(d => UnresolvedPlaces.In(d.Body, data.Gazetteer)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (documents.Count == 0) return new ImportReport(0, rejections, byType, unknown, unresolved, null);
        var version = DatasetLoader.Load(databasePath, documents, events, data.Gazetteer, data.Actors, clock.GetCurrentInstant(), data.DataVersion);
        return new ImportReport(documents.Count, rejections, byType, unknown, unresolved, version);
    }
}
