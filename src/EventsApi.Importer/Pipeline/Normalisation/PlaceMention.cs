using EventsApi.Core.Domain;

namespace EventsApi.Importer.Pipeline.Normalisation;

/// <summary>
/// A place name in a sentence with every gazetteer entry it could be. NamedAsRegion: the text
/// itself says region ("Luhansk region", "Kharkiv oblast"), or lists it among "regions".
/// QualifiesAt: the start of the place this one only says the whereabouts of ("Vuhledar (Donetsk)").
/// Context: the name belongs to an office or a sector of the front (<see cref="PlaceContext"/>): it says
/// which area the text is about, and is where an event happened only when nothing else is named.
/// </summary>
public sealed record PlaceMention(int Start, int Length, string Surface, IReadOnlyList<Place> Candidates, bool NamedAsRegion, int? QualifiesAt = null, PlaceContext Context = PlaceContext.None)
{
    public int End => Start + Length;

    public bool IsContext => Context != PlaceContext.None;
}

public enum PlaceContext
{
    /// <summary>A place where something may have happened.</summary>
    None,

    /// <summary>A region's official or administration: "the Zaporizhzhia regional administration said".</summary>
    Office,

    /// <summary>A sector of the front, named after a town: "in the Kupiansk sector".</summary>
    Sector,
}
