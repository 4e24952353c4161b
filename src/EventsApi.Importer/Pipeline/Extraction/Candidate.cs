using EventsApi.Core.Domain;

namespace EventsApi.Importer.Pipeline.Extraction;

/// <summary>
/// An event as one document reports it, before merging. DateExplicit: the text dated it (rather
/// than the date being inherited or the publication week); Anaphoric: "The strikes ..." refers to
/// an event already coded.
/// </summary>
public sealed class Candidate
{
    public required string Type { get; init; }
    public required string Subtype { get; set; }
    public required EventDate Date { get; set; }
    public required bool DateExplicit { get; set; }
    public ResolvedPlace? Place { get; set; }
    public List<EventActor> Actors { get; init; } = [];
    public int? Fatalities { get; set; }
    public int? Injured { get; set; }
    public Quantity? Quantity { get; set; }
    public List<EventSource> Sources { get; init; } = [];
    public required SourceDocument Document { get; init; }
    public required int Sentence { get; init; }
    public bool Anaphoric { get; init; }

    /// <summary>The last sentence that added to this report: a further quote must follow closely.</summary>
    public int LastSentence { get; set; }

    public Candidate With(ResolvedPlace? place) => new()
    {
        Type = Type, Subtype = Subtype, Date = Date, DateExplicit = DateExplicit, Place = place, Actors = [.. Actors],
        Fatalities = Fatalities, Injured = Injured, Quantity = Quantity, Sources = [.. Sources], Document = Document,
        Sentence = Sentence, Anaphoric = Anaphoric, LastSentence = LastSentence,
    };
}
