using EventsApi.Core.Domain;

namespace EventsApi.Importer.Pipeline.Normalisation;

/// <summary>
/// A place name in a sentence with every gazetteer entry it could be. NamedAsRegion: the text
/// itself says region ("Luhansk region", "Kharkiv oblast"), or lists it among "regions".
/// QualifiesAt: the start of the place this one only says the whereabouts of ("Vuhledar (Donetsk)").
/// Context: the name belongs to an official or an administration ("the Zaporizhzhia regional
/// administration said") or a sector of the front ("in the Kupiansk sector"): it says which area the
/// text is about, and is where an event happened only when nothing else is named. Sector: the latter.
/// </summary>
public sealed record PlaceMention(int Start, int Length, string Surface, IReadOnlyList<Place> Candidates, bool NamedAsRegion, int? QualifiesAt = null, bool Context = false, bool Sector = false)
{
    public int End => Start + Length;
}
