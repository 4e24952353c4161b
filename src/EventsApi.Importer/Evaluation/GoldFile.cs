using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventsApi.Importer.Evaluation;

/// <summary>A gold file of CODEBOOK.md, "Gold files and scoring" (the format of ../shared/gold/seeds.json).</summary>
public sealed record GoldFile(IReadOnlyList<string> Documents, IReadOnlyList<GoldEvent> Events)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static GoldFile Load(string path) =>
        JsonSerializer.Deserialize<GoldFile>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path}: empty gold file");
}

public sealed record GoldEvent(
    string Key,
    bool Required,
    string? Type,
    string? Subtype,
    [property: JsonPropertyName("type_any")] IReadOnlyList<string>? TypeAny,
    [property: JsonPropertyName("date_window")] IReadOnlyList<string> DateWindow,
    string? Precision,
    GoldPlace? Place,
    [property: JsonPropertyName("place_required")] bool? PlaceRequired,
    IReadOnlyList<IReadOnlyList<string>> Actors,
    int? Fatalities,
    int? Injured,
    [property: JsonPropertyName("min_sources")] int? MinSources,
    IReadOnlyList<string>? Sources)
{
    [JsonIgnore]
    public bool HasFatalities => Fatalities is not null;
}

public sealed record GoldPlace(string? Country, IReadOnlyList<string>? Admin1, IReadOnlyList<string>? Name);
