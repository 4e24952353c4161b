using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace EventsApi.Infrastructure;

/// <summary>Relative links to the current resource, as clients follow them (path and query, no host).</summary>
public static class Links
{
    public static string Self(HttpRequest request) => request.PathBase + request.Path + request.QueryString;

    public static string WithParameter(HttpRequest request, string name, string value)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query[name] = value;
        var builder = new QueryBuilder(query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v!))));
        return request.PathBase + request.Path + builder.ToQueryString();
    }
}
