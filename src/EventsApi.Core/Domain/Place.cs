namespace EventsApi.Core.Domain;

/// <summary>
/// A gazetteer entry. Ids are readable and stable: a country is its ISO alpha-3 code, a first-level
/// region its ISO 3166-2 code (or the GeoNames admin1 code where ISO has none), a settlement
/// "{admin1 id}:{folded name}", a world region "region:{folded name}".
/// </summary>
public sealed record Place(
    string Id,
    string Name,
    PlaceLevel Level,
    string CountryCode,
    string? ParentId,
    string? IsoCode,
    double? Latitude,
    double? Longitude,
    IReadOnlyList<string> Aliases);

/// <summary>A place together with the names of its containing first-level region and country.</summary>
public sealed record ResolvedPlace(Place Place, Place? Admin1, Place? Country, GeoPrecision Precision);
