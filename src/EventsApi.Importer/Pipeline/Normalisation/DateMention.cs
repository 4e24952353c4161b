using EventsApi.Core.Domain;

namespace EventsApi.Importer.Pipeline.Normalisation;

/// <summary>
/// A temporal expression in a sentence. SameDay marks "on the same day" (resolved by the document
/// coder against the last day-precise date); Since marks a date inside a "since ..." clause
/// [ClauseStart, ClauseEnd), which dates only what happens inside that clause.
/// </summary>
public sealed record DateMention(int Start, int Length, EventDate? Date, bool SameDay, bool Since, int ClauseStart, int ClauseEnd)
{
    public int End => Start + Length;
}
