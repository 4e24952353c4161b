using System.Text.RegularExpressions;
using EventsApi.Core.Dictionaries;
using EventsApi.Core.Domain;

namespace EventsApi.Importer.Pipeline.Extraction;

/// <summary>
/// Codes a whole document sentence by sentence, carrying what a reader carries: the last day
/// named ("on the same day"), the paragraph's date (a sentence without one continues the story),
/// the places already named (context for ambiguous names), the event a definite "The strikes ..."
/// refers back to, and the statement a further quote from the same speaker adds to.
/// </summary>
public sealed partial class DocumentCoder(SentenceCoder coder, ActorDictionary actors)
{
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
                if (antecedent is not null) Absorb(antecedent, candidate);
                else events.Add(candidate);
            }
            if (found.Count == 0) ContinueStatement(sentence, mentions, events, document);

            var sentenceDates = mentions.Dates.Where(d => !d.Since && d.Date is not null).Select(d => d.Date!).ToList();
            if (sentenceDates.LastOrDefault(d => d.Precision == DatePrecision.Day) is { } day) lastDay = day;
            if (found.FirstOrDefault(c => c.DateExplicit) is { } dated) paragraphDate = dated.Date;
            else if (sentenceDates.FirstOrDefault() is { } first) paragraphDate = first;
            foreach (var place in found.Where(c => c.Place is not null).Select(c => c.Place!.Place)) places.Insert(0, place);
        }
        return events;
    }

    /// <summary>"The strikes were targeted at a factory in Izhevsk": more about the event just coded.</summary>
    private static void Absorb(Candidate antecedent, Candidate more)
    {
        antecedent.Sources.AddRange(more.Sources);
        if (more.Place is not null && (antecedent.Place is null || antecedent.Place.Precision > more.Place.Precision
            && (antecedent.Place.Place.Id == more.Place.Country?.Id || antecedent.Place.Place.Id == more.Place.Admin1?.Id)))
            antecedent.Place = more.Place;
        foreach (var actor in more.Actors.Where(a => !antecedent.Actors.Any(b => b.Actor.Id == a.Actor.Id))) antecedent.Actors.Add(actor);
        antecedent.Fatalities ??= more.Fatalities;
        antecedent.Injured ??= more.Injured;
        antecedent.Quantity ??= more.Quantity;
        if (antecedent.Subtype == "other") antecedent.Subtype = more.Subtype;
    }

    /// <summary>
    /// "'No one is delaying anything here,' Kremlin spokesman Dmitry Peskov told reporters." adds a
    /// quote to the statement this speaker (or the body he speaks for) made, and may date it.
    /// </summary>
    private void ContinueStatement(Sentence sentence, SentenceMentions mentions, List<Candidate> events, SourceDocument document)
    {
        if (!SpeechVerb().IsMatch(mentions.Narration)) return;
        var speaker = mentions.Actors.FirstOrDefault(a => a.Actor.Kind == ActorKind.Person) ?? mentions.Actors.FirstOrDefault();
        if (speaker is null) return;
        var statement = events.LastOrDefault(e => e.Type == "statement" && e.Document == document
            && e.Actors.Any(a => a.Role == ActorRole.Speaker && Related(a.Actor, speaker.Actor)));
        if (statement is null) return;
        var date = mentions.Dates.FirstOrDefault(d => !d.Since && d.Date is not null)?.Date;
        if (date is not null && statement.DateExplicit && !date.Overlaps(statement.Date)) return;
        if (date is not null && !statement.DateExplicit)
        {
            statement.Date = date;
            statement.DateExplicit = true;
        }
        statement.Sources.Add(SentenceCoder.Source(document, sentence));
        if (!statement.Actors.Any(a => a.Actor.Id == speaker.Actor.Id)) statement.Actors.Add(new EventActor(speaker.Actor, ActorRole.Speaker));
    }

    private bool Related(Actor a, Actor b) =>
        a.Id == b.Id || a.Known && b.Known && (actors.SelfAndAncestors(a).Any(x => x.Id == b.Id) || actors.SelfAndAncestors(b).Any(x => x.Id == a.Id));

    [GeneratedRegex(@"\b(?:said|says|told|wrote|writes|added|responded|stated|posted|insisted|stressed|noted|quoted)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpeechVerb();
}
