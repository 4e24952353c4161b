using EventsApi.Core.Domain;

namespace EventsApi.Importer.Pipeline.Normalisation;

/// <summary>An actor named in a sentence.</summary>
public sealed record ActorMention(int Start, int Length, string Surface, Actor Actor)
{
    public int End => Start + Length;
}
