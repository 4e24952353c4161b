using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventsApi.Infrastructure;

/// <summary>The OpenAPI document: served at /openapi/v1.json and committed as openapi/v1.json.</summary>
public static class OpenApiSetup
{
    public static void Configure(SwaggerGenOptions o)
    {
        o.SwaggerDoc("v1", new OpenApiInfo
        {
            Title = "EventsApi",
            Version = "v1",
            Description = "Conflict events of the Russia-Ukraine war (strikes, battles, talks, prisoner exchanges, territorial claims, statements) " +
                "coded from news articles by an open codebook. Every event carries its evidence: the quotes it was coded from, with offsets, " +
                "from every document that reports it. Dates carry their precision; places and actors are hierarchies.",
        });
        o.OperationFilter<ParameterExamples>();
    }
}
