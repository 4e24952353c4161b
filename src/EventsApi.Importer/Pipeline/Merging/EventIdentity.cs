using System.Security.Cryptography;
using System.Text;
using EventsApi.Core.Domain;
using EventsApi.Importer.Pipeline.Extraction;

namespace EventsApi.Importer.Pipeline.Merging;

/// <summary>
/// Codebook rule 11. An event's id is "ev_" and the first 12 hex digits of the SHA-256 of the
/// canonical string of its founding report (the earliest published, then lowest document id,
/// then first sentence): "type|subtype|date|date_end|place id|actor ids sorted, comma-separated".
/// A later document that merges into the event does not change it.
/// </summary>
public static class EventIdentity
{
    public static string Canonical(Candidate founder) => string.Join('|',
        founder.Type,
        founder.Subtype,
        founder.Date.StartIso,
        founder.Date.EndIso,
        founder.Place?.Place.Id ?? "",
        string.Join(',', founder.Actors.Select(a => a.Actor.Id).Distinct().Order(StringComparer.Ordinal)));

    public static string Of(string canonical) =>
        "ev_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..12];
}
