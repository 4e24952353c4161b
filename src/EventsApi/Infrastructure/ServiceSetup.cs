using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventsApi.Infrastructure;

public static class ServiceSetup
{
    public static WebApplicationBuilder AddDataset(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection("Database")).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ImportOptions>().Bind(builder.Configuration.GetSection("Import")).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection("Api")).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DatasetSource>();
        builder.Services.AddScoped<DatasetSession>();
        builder.Services.AddHttpContextAccessor();
        return builder;
    }

    /// <summary>snake_case JSON as in ../shared/API.md; enums as their wire names.</summary>
    public static WebApplicationBuilder AddJson(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        return builder;
    }

    /// <summary>Every error is an RFC 9457 problem with a traceId; nothing leaks exception detail outside Development.</summary>
    public static WebApplicationBuilder AddProblems(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemWriter>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<QueryTimeLimitHandler>();
        builder.Services.AddExceptionHandler<DatasetUnavailableHandler>();
        return builder;
    }

    public static WebApplicationBuilder AddOpenApiDocument(this WebApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(OpenApiSetup.Configure);
        return builder;
    }

    /// <summary>
    /// The OpenAPI document and Swagger UI, in a branch taken only under their own paths: their
    /// middleware matches every request's path (Swagger UI's with regular expressions), a few
    /// percent of a small response's CPU on every other request.
    /// </summary>
    public static WebApplication UseOpenApiDocument(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/openapi") || http.Request.Path.StartsWithSegments("/swagger"), branch =>
        {
            branch.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
            branch.UseSwaggerUI(o =>
            {
                o.SwaggerEndpoint("/openapi/v1.json", "EventsApi v1");
                o.RoutePrefix = "swagger";
                o.DocumentTitle = "EventsApi: conflict events of the Russia-Ukraine war";
            });
        });
        return app;
    }
}
