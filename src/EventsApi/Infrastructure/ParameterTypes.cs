using System.Text.Json.Nodes;
using EventsApi.Core.Domain;
using EventsApi.Core.Storage;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventsApi.Infrastructure;

/// <summary>
/// The query parameters are bound as strings (so a malformed value gets our own 400 naming it, not the
/// framework's), which would leave the document saying "string" everywhere. This gives each parameter
/// its real type, bounds and allowed values, taken from the same lists the parser checks against, so
/// Swagger UI offers drop-downs and generated clients get typed queries.
/// </summary>
public sealed class ParameterTypes : IOperationFilter
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["type"] = Taxonomy.Types.Select(t => t.Name).ToArray(),
        ["subtype"] = Taxonomy.Types.SelectMany(t => t.Subtypes).Select(s => s.Name).ToArray(),
        ["role"] = WireNames.AllWire<ActorRole>().ToArray(),
        ["precision"] = WireNames.AllWire<DatePrecision>().ToArray(),
        ["geo_precision"] = WireNames.AllWire<GeoPrecision>().ToArray(),
        ["level"] = WireNames.AllWire<PlaceLevel>().ToArray(),
        ["date_mode"] = ["overlap", "within"],
        ["format"] = ["json", "csv", "geojson", "ndjson"],
        ["interval"] = EventQueries.Periods.Keys.ToArray(),
        ["group_by"] = EventQueries.Groups.Keys.ToArray(),
    };

    private static readonly Dictionary<string, int> Minimum = new()
    {
        ["limit"] = 1, ["offset"] = 0, ["min_fatalities"] = 0, ["min_sources"] = 1,
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is not OpenApiParameter { In: ParameterLocation.Query, Name: { } name, Schema: OpenApiSchema schema } concrete) continue;
            // A repeatable parameter constrains its items.
            var values = schema.Type is { } t && t.HasFlag(JsonSchemaType.Array) && schema.Items is OpenApiSchema items ? items : schema;
            if (Allowed.TryGetValue(name, out var allowed))
                values.Enum = allowed.Select(a => (JsonNode)JsonValue.Create(a)).ToList();
            else if (Minimum.TryGetValue(name, out var minimum))
            {
                values.Type = JsonSchemaType.Integer;
                values.Format = "int32";
                values.Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (name is "from" or "to")
                values.Format = "date";
            concrete.Schema = schema;
        }
    }
}
