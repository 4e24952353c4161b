using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventsApi.Infrastructure;

/// <summary>An example value for every query parameter, so Swagger UI's "Try it out" starts from a working request.</summary>
public sealed class ParameterExamples : IOperationFilter
{
    private static readonly Dictionary<string, string> Examples = new()
    {
        ["from"] = "2025-06-01", ["to"] = "2025-07-31", ["date_mode"] = "overlap", ["region"] = "Luhansk", ["country"] = "UKR",
        ["actor"] = "Russia", ["role"] = "speaker", ["type"] = "strike", ["subtype"] = "drone_strike", ["min_fatalities"] = "1",
        ["precision"] = "day", ["geo_precision"] = "city", ["min_sources"] = "2", ["source"] = "abc-2025-07-02-russia-denies-stalling",
        ["q"] = "drone*", ["bbox"] = "22,44,41,53", ["sort"] = "-date", ["fields"] = "id,date,type,summary,location", ["limit"] = "50",
        ["format"] = "json", ["interval"] = "month", ["group_by"] = "type", ["offset"] = "0", ["level"] = "admin1",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter path && path.In == ParameterLocation.Path && path.Name == "id")
                path.Description = "The id as the lists give it: ev_… for events, ru-peskov or RUS for actors, UA-09 or UA-14:pokrovsk for places, the document id for sources.";
            if (parameter is OpenApiParameter concrete && concrete.In == ParameterLocation.Query && parameter.Name is { } name
                && Examples.TryGetValue(name, out var example))
                concrete.Example = JsonValue.Create(example);
        }
    }
}
