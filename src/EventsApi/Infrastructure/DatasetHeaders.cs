using System.Security.Cryptography;
using System.Text;

namespace EventsApi.Infrastructure;

/// <summary>
/// HTTP caching for the read-only dataset: every response names the dataset version it came
/// from; a GET answered from data carries a strong ETag (dataset version + request) and is
/// answered 304 when the client already has it.
/// </summary>
public static class DatasetHeaders
{
    public const string VersionHeader = "X-Dataset-Version";

    public static RouteGroupBuilder WithDatasetCaching(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var session = http.RequestServices.GetRequiredService<DatasetSession>();
            var etag = $"\"{Tag(session.Version, http.Request)}\"";
            http.Response.Headers[VersionHeader] = session.Version;
            if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && (v == "*" || v.Split(',').Select(s => s.Trim()).Contains(etag))))
                return Results.StatusCode(StatusCodes.Status304NotModified);
            var result = await next(context);
            if (StatusOf(result) < 400 && http.Response.StatusCode < 400)
            {
                http.Response.Headers.ETag = etag;
                http.Response.Headers.CacheControl = "public, max-age=60";
            }
            return result;
        });
        return group;
    }

    /// <summary>
    /// The status a handler's result will answer with: the filter runs before the result does, so the
    /// response's own status is still 200 for a 404 or 400 problem (which then got an ETag and were cached).
    /// </summary>
    private static int StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } code } => code,
        _ => StatusCodes.Status200OK,
    };

    private static string Tag(string version, HttpRequest request)
    {
        var text = version + "\n" + request.Path + request.QueryString + "\n" + request.Headers.Accept;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
