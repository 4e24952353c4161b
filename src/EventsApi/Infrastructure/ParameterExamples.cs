using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventsApi.Infrastructure;

/// <summary>
/// An example value for every query parameter. Swagger UI fills "Try it out" with a parameter's
/// `example`, and filters filled all at once match nothing, so only the parameters that shape the
/// answer (page size, sort, format, interval) carry one; each filter shows its example in its
/// description instead, so the first "Execute" returns the newest events.
/// </summary>
public sealed class ParameterExamples : IOperationFilter
{
    /// <summary>The filters' examples, written into their descriptions as "Example: `value`." (the docs test reads them back).</summary>
    private static readonly Dictionary<string, string> FilterExamples = new()
    {
        ["from"] = "2025-06-01", ["to"] = "2025-07-31", ["region"] = "Luhansk", ["country"] = "UKR",
        ["actor"] = "Russia", ["role"] = "speaker", ["type"] = "strike", ["subtype"] = "drone_strike", ["min_fatalities"] = "1",
        ["precision"] = "day", ["geo_precision"] = "city", ["min_sources"] = "2", ["source"] = "kyiv-independent-2025-06-01-strikes",
        ["q"] = "drone*", ["bbox"] = "22,44,41,53", ["fields"] = "id,date,type,summary,location", ["level"] = "admin1",
    };

    private static readonly Dictionary<string, string> ShapeExamples = new()
    {
        ["date_mode"] = "overlap", ["sort"] = "-date", ["limit"] = "50", ["format"] = "json", ["interval"] = "month",
        ["group_by"] = "type", ["offset"] = "0",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is not OpenApiParameter concrete || parameter.Name is not { } name) continue;
            if (concrete.In == ParameterLocation.Path && name == "id")
            {
                concrete.Description = "The id as the lists give it: ev_… for events, ru-peskov or RUS for actors, UA-09 or UA-14:pokrovsk for places, the document id for sources.";
                concrete.Example = JsonValue.Create(context.ApiDescription.RelativePath switch
                {
                    { } path when path.StartsWith("v1/actors", StringComparison.Ordinal) => "RUS",
                    { } path when path.StartsWith("v1/places", StringComparison.Ordinal) => "UA-09",
                    { } path when path.StartsWith("v1/sources", StringComparison.Ordinal) => "kyiv-independent-2025-06-01-strikes",
                    _ => "ev_0123456789ab",
                });
            }
            if (concrete.In != ParameterLocation.Query) continue;
            if (FilterExamples.TryGetValue(name, out var filter))
                concrete.Description = $"{concrete.Description?.TrimEnd()} Example: `{filter}`."; // a code span: Swagger UI reads descriptions as Markdown
            else if (ShapeExamples.TryGetValue(name, out var example))
            {
                var type = concrete.Schema?.Type ?? JsonSchemaType.String;
                concrete.Example = type.HasFlag(JsonSchemaType.Integer)
                    ? JsonValue.Create(int.Parse(example, System.Globalization.CultureInfo.InvariantCulture))
                    : JsonValue.Create(example);
            }
        }
    }
}
