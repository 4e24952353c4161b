using Microsoft.AspNetCore.Routing;

namespace EventsApi.Infrastructure;

/// <summary>
/// HEAD on every GET endpoint (RFC 9110 requires it of a general-purpose server): routing sends it to
/// the same handler, so the status and headers (ETag, Link, X-Dataset-Version) are those a GET would
/// get, and Kestrel sends no body. Minimal APIs map GET alone, and a monitor's or a cache's HEAD got 405.
/// </summary>
public static class HeadRequests
{
    public static TBuilder AnswerHead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            // The last method metadata is the one routing reads.
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault() is { } methods
                && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
        });
        return builder;
    }
}
