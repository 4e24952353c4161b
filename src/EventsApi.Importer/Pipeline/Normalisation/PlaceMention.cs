using EventsApi.Core.Domain;

namespace EventsApi.Importer.Pipeline.Normalisation;

/// <summary>
/// A place name in a sentence with every gazetteer entry it could be. NamedAsRegion: the text
/// itself says region ("Luhansk region", "Kharkiv oblast"), or lists it among "regions".
/// </summary>
public sealed record PlaceMention(int Start, int Length, string Surface, IReadOnlyList<Place> Candidates, bool NamedAsRegion)
{
    public int End => Start + Length;
}
