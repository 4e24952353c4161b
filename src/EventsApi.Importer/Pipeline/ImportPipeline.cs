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

    public (IReadOnlyList<SourceDocument> Documents, IReadOnlyList<Rejection> Rejections, IReadOnlyList<CodedEvent> Events) Code(
        IReadOnlyCollection<string> files, IProgress<ImportProgress>? progress = null)
    {
        var today = clock.GetCurrentInstant().InUtc().Date;
        var read = 0;
        var (documents, rejections) = DocumentReader.ReadAll(files, today, () => progress?.Report(new("reading", ++read, files.Count, "files")));
        var candidates = new List<Candidate>();
        for (var i = 0; i < documents.Count; i++)
        {
            candidates.AddRange(coder.Code(documents[i]));
            progress?.Report(new("coding", i + 1, documents.Count, "documents"));
        }
        progress?.Report(new("merging", 0, candidates.Count, "reports"));
        var events = merger.Merge(candidates);
        progress?.Report(new("merging", candidates.Count, candidates.Count, "reports"));
        return (documents, rejections, events);
    }

    /// <summary>Imports every document of a directory into a new database that replaces the target.</summary>
    public ImportReport Run(string documentsDirectory, string databasePath, IProgress<ImportProgress>? progress = null)
    {
        if (!Directory.Exists(documentsDirectory))
            return new ImportReport(0, [new Rejection(documentsDirectory, "directory", "does not exist")], new Dictionary<string, int>(), [], [], null);
        var (documents, rejections, events) = Code(DocumentReader.FilesIn(documentsDirectory), progress);
        var byType = events.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.Count());
        // Counted per event (an unknown actor) and per mention (an unknown place), so the curator adds the commonest first.
        var unknown = Unresolved.Rank(events.SelectMany(e => e.Actors).Where(a => !a.Actor.Known).Select(a => a.Actor.Name));
        var unresolved = Unresolved.Rank(documents.SelectMany(d => UnresolvedPlaces.In(d.Body, data.Gazetteer)));
        if (documents.Count == 0) return new ImportReport(0, rejections, byType, unknown, unresolved, null);
        progress?.Report(new("writing", 0, events.Count, "events"));
        var version = DatasetLoader.Load(databasePath, documents, events, data.Gazetteer, data.Actors, clock.GetCurrentInstant(), data.DataVersion);
        progress?.Report(new("writing", events.Count, events.Count, "events"));
        return new ImportReport(documents.Count, rejections, byType, unknown, unresolved, version);
    }
}
