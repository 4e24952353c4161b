using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventsApi.Infrastructure;

/// <summary>Endpoint metadata: the streamed formats an operation also answers in (besides its JSON schema).</summary>
public sealed record StreamedFormats(params string[] ContentTypes);

/// <summary>
/// Documents what every operation can answer besides its success: ASP.NET's Produces() keeps one
/// content type per status, so the streamed formats are added here, and the error responses every
/// endpoint shares (strict parameters, rate limit, unexpected failure) are written once.
/// </summary>
public sealed class ResponseDocs : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= new OpenApiResponses();
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<StreamedFormats>().FirstOrDefault() is { } streamed
            && operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse success)
        {
            success.Content ??= new Dictionary<string, IOpenApiMediaType>();
            foreach (var type in streamed.ContentTypes)
                success.Content[type] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = $"The same rows as {type}, streamed." } };
        }

        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        var validation = context.SchemaGenerator.GenerateSchema(typeof(HttpValidationProblemDetails), context.SchemaRepository);
        var isHealth = context.ApiDescription.RelativePath == "health";
        if (!isHealth)
        {
            Add(operation, "400", "A parameter is unknown, repeated where it may not be, or malformed; `errors` names each one.", validation);
            if (context.ApiDescription.RelativePath?.Contains('{') == true)
                Add(operation, "404", "No such id in the dataset being served.", problem);
            Add(operation, "414", "The query string is longer than 4096 characters.", problem);
            Add(operation, "429", "This client's request limit is reached; the Retry-After header says when to retry.", problem);
            Add(operation, "503", "The query needed more SQLite time than one request may take (Api:QueryTimeLimitMilliseconds, 10 s; " +
                "streamed exports Api:ExportTimeLimitSeconds): narrow the filters. Or the service is full, or its database file is missing " +
                "or unreadable; retry after the seconds its Retry-After header gives.", problem);
        }
        else
        {
            Add(operation, "503", "The database is unreachable or holds no dataset.", context.SchemaGenerator.GenerateSchema(typeof(Health.HealthReport), context.SchemaRepository),
                "application/json");
        }
        Add(operation, "500", "An unexpected failure; the problem's traceId identifies it in the server log.", problem);
    }

    private static void Add(OpenApiOperation operation, string status, string description, IOpenApiSchema schema, string type = "application/problem+json")
    {
        if (operation.Responses!.TryGetValue(status, out var existing) && existing is OpenApiResponse known && known.Content?.Count > 0)
        {
            known.Description = description;
            return;
        }
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { [type] = new OpenApiMediaType { Schema = schema } },
        };
    }
}
