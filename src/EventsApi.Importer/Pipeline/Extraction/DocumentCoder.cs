using System.Text.RegularExpressions;
using EventsApi.Core.Dictionaries;
using EventsApi.Core.Domain;
using EventsApi.Importer.Pipeline.Merging;

namespace EventsApi.Importer.Pipeline.Extraction;

/// <summary>
/// Codes a whole document sentence by sentence, carrying what a reader carries: the last day
/// named ("on the same day"), the paragraph's date (a sentence without one continues the story),
/// the places already named (context for ambiguous names), the event a definite "The strikes ..."
/// refers back to, and the statement a further quote from the same speaker adds to.
/// </summary>
public sealed partial class DocumentCoder(SentenceCoder coder, Gazetteer gazetteer, ActorDictionary actors)
{
    private readonly ActorRelations relations = new(actors);

    /// <summary>How many sentences after a statement a further quote may still add to it.</summary>
    private const int ContinuationWindow = 3;

    public List<Candidate> Code(SourceDocument document)
    {
        var sentences = SentenceSplitter.Split(document.Body);
        var skipped = Boilerplate.Paragraphs(sentences);
        var events = new List<Candidate>();
        var places = new List<Place>();
        EventDate? lastDay = null;
        EventDate? paragraphDate = null;
        var paragraph = -1;

        for (var i = 0; i < sentences.Count; i++)
        {
            var sentence = sentences[i];
            if (skipped.Contains(sentence.Paragraph)) continue;
            if (sentence.Paragraph != paragraph)
            {
                paragraph = sentence.Paragraph;
                paragraphDate = null;
            }
            var mentions = coder.Read(sentence, document.Published);
            var found = coder.Code(sentence, mentions, new SentenceContext(document, i, lastDay, places));
            foreach (var candidate in found)
            {
                if (!candidate.DateExplicit && paragraphDate is not null) candidate.Date = paragraphDate;
                var antecedent = candidate.Anaphoric ? events.LastOrDefault(e => e.Type == candidate.Type) : null;
                if (antecedent is not null) Absorb(antecedent, candidate, i);
                else events.Add(candidate);
            }
            if (found.Count == 0 && !ContinueCasualties(sentence, i, events, document)) ContinueStatement(sentence, i, mentions, events, document);

            var sentenceDates = mentions.Dates.Where(d => !d.Since && d.Date is not null).Select(d => d.Date!).ToList();
            if (sentenceDates.LastOrDefault(d => d.Precision == DatePrecision.Day) is { } day) lastDay = day;
            if (found.FirstOrDefault(c => c.DateExplicit) is { } dated) paragraphDate = dated.Date;
            else if (sentenceDates.FirstOrDefault() is { } first) paragraphDate = first;
            foreach (var place in found.Where(c => c.Place is not null).Select(c => c.Place!.Place)) places.Insert(0, place);
        }
        return events;
    }

    /// <summary>"The strikes were targeted at a factory in Izhevsk": more about the event just coded.</summary>
    private void Absorb(Candidate antecedent, Candidate more, int sentence)
    {
        antecedent.Sources.AddRange(more.Sources);
        antecedent.LastSentence = sentence;
        if (more.Place is not null && (antecedent.Place is null
            || antecedent.Place.Place.Id != more.Place.Place.Id && gazetteer.Contains(antecedent.Place.Place, more.Place.Place)))
            antecedent.Place = more.Place;
        // A new side is added; another actor of a side already there ("from Ukraine" in a Ukrainian strike) is not.
        var before = antecedent.Actors.ToList();
        antecedent.Actors.AddRange(more.Actors.Where(a => !before.Any(b => relations.SameSide(a.Actor, b.Actor))));
        antecedent.Fatalities ??= more.Fatalities;
        antecedent.Injured ??= more.Injured;
        antecedent.Quantity ??= more.Quantity;
        if (antecedent.Subtype == "other") antecedent.Subtype = more.Subtype;
    }

    /// <summary>
    /// "On 14 May, Russian forces shelled Kupiansk. Two civilians were killed and five injured.":
    /// a toll in the next sentence of the same paragraph belongs to the attack just coded.
    /// </summary>
    private static bool ContinueCasualties(Sentence sentence, int index, List<Candidate> events, SourceDocument document)
    {
        var (killed, injured) = Casualties.Find(sentence.Text);
        if (killed is null && injured is null) return false;
        var attack = events.LastOrDefault(e => e.Type is "strike" or "battle" && index - e.LastSentence == 1);
        if (attack is null || attack.Fatalities is not null && killed is not null || attack.Injured is not null && injured is not null) return false;
        attack.Fatalities ??= killed;
        attack.Injured ??= injured;
        attack.Sources.Add(SentenceCoder.Source(document, sentence));
        attack.LastSentence = index;
        return true;
    }

    /// <summary>
    /// "'No one is delaying anything here,' Kremlin spokesman Dmitry Peskov told reporters." adds a
    /// quote to the statement this speaker (or the body he speaks for) made, and may date it.
    /// </summary>
    private void ContinueStatement(Sentence sentence, int index, SentenceMentions mentions, List<Candidate> events, SourceDocument document)
    {
        // A statement to continue comes first: only then are the sentence's names worth reading.
        if (!events.Any(e => e.Type == "statement" && index - e.LastSentence <= ContinuationWindow)) return;
        if (!SpeechVerb().IsMatch(mentions.Narration)) return;
        var speaker = mentions.Actors.FirstOrDefault(a => a.Actor.Kind == ActorKind.Person) ?? mentions.Actors.FirstOrDefault();
        if (speaker is null) return;
        var statement = events.LastOrDefault(e => e.Type == "statement" && index - e.LastSentence <= ContinuationWindow
            && e.Actors.Any(a => a.Role == ActorRole.Speaker && SpeaksFor(speaker.Actor, a.Actor)));
        if (statement is null) return;
        var date = mentions.Dates.FirstOrDefault(d => !d.Since && d.Date is not null)?.Date;
        if (date is not null && statement.DateExplicit && !date.Overlaps(statement.Date)) return;
        if (date is not null && !statement.DateExplicit)
        {
            statement.Date = date;
            statement.DateExplicit = true;
        }
        statement.Sources.Add(SentenceCoder.Source(document, sentence));
        statement.LastSentence = index;
        if (!statement.Actors.Any(a => a.Actor.Id == speaker.Actor.Id)) statement.Actors.Add(new EventActor(speaker.Actor, ActorRole.Speaker));
    }

    /// <summary>
    /// The same speaker, or a spokesman for the body that made the statement (Peskov for the
    /// Kremlin). Not any citizen for a state: every Russian official is not "Russia".
    /// </summary>
    private bool SpeaksFor(Actor quoted, Actor speaker) =>
        quoted.Id == speaker.Id || quoted.Known && speaker.Kind != ActorKind.State
        && actors.SelfAndAncestors(quoted).Skip(1).Any(x => x.Id == speaker.Id);

    [GeneratedRegex(@"\b(?:said|says|told|wrote|writes|added|responded|stated|posted|insisted|stressed|noted|quoted)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpeechVerb();
}
