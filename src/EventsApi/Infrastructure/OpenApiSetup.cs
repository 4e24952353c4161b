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
            Contact = new OpenApiContact { Name = "EventsApi maintainers (see the project's README)" },
        });
        // Relative: Swagger UI and generated clients call the server that served the document.
        o.AddServer(new OpenApiServer { Url = "/", Description = "This server" });
        o.OperationFilter<ResponseDocs>();
        // Non-nullable C# properties are required and never null on the wire: say so, so generated clients need no null checks.
        o.SupportNonNullableReferenceTypes();
        o.NonNullableReferenceTypesAsRequired();
        o.OperationFilter<ParameterTypes>();
        o.OperationFilter<ParameterExamples>();
        // HEAD is answered wherever GET is (HeadRequests); documenting it twice over would add nothing.
        o.DocInclusionPredicate((document, api) => api.HttpMethod != HttpMethods.Head && (api.GroupName is null || api.GroupName == document));
    }
}
