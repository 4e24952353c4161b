using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace EventsApi.Infrastructure;

/// <summary>CORS, rate limiting and the response headers a public read-only JSON API sends.</summary>
public static class HttpPolicies
{
    public static WebApplicationBuilder AddCorsPolicy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CorsOptions>().Bind(builder.Configuration.GetSection("Cors"));
        builder.Services.AddCors();
        return builder;
    }

    public static WebApplication UseCorsPolicy(this WebApplication app)
    {
        var origins = app.Services.GetRequiredService<IOptions<CorsOptions>>().Value.AllowedOrigins;
        app.UseCors(policy =>
        {
            if (origins.Contains("*")) policy.AllowAnyOrigin();
            else policy.WithOrigins(origins);
            // Read-only: browsers may GET (and HEAD), and read the paging and caching headers.
            policy.WithMethods("GET", "HEAD").WithHeaders("Accept", "If-None-Match")
                .WithExposedHeaders("ETag", "Link", DatasetHeaders.VersionHeader, "Retry-After");
        });
        return app;
    }

    /// <summary>
    /// Server limits a read-only API can afford to be strict about: small headers, slow clients cut
    /// off, and on SIGTERM the requests in flight run to their end (up to 30 s) before the process exits.
    /// </summary>
    public static WebApplicationBuilder AddServerLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 50;
            kestrel.Limits.MaxRequestBodySize = 0; // GET only: no body is ever read
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    public static WebApplicationBuilder AddRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection("RateLimit")).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(o =>
        {
            var perClient = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                if (!limits.Enabled) return RateLimitPartition.GetNoLimiter("off");
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "local";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            // However many clients connect, only a few requests run at once and the rest wait their
            // turn: on a small machine more would only interleave on the same cores, and each running
            // request holds a pooled SQLite connection with its own page cache (memory stays flat).
            var atOnce = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var api = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                return RateLimitPartition.GetConcurrencyLimiter("server", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = api.ConcurrentRequests,
                    QueueLimit = api.RequestQueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
            });
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(perClient, atOnce);
            o.OnRejected = async (context, token) =>
            {
                var http = context.HttpContext;
                // The per-client window says when it reopens; a full queue of the whole server does not.
                var perClient = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after);
                var retry = perClient ? (int)Math.Ceiling(after.TotalSeconds) : 1;
                var status = perClient ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable;
                http.Response.StatusCode = status;
                http.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = status,
                        Title = perClient ? "Too many requests" : "Server busy",
                        Detail = perClient
                            ? $"This client's request limit is reached; retry after {retry} s."
                            : $"Every request slot and the queue behind them are taken; retry after {retry} s.",
                    },
                });
            };
        });
        return builder;
    }

    /// <summary>The longest query string served; longer ones are a 414 problem (Kestrel's own limit answers without a body).</summary>
    public const int MaxQueryLength = 4096;

    /// <summary>
    /// The data endpoints load nothing; the explorer page loads its own scripts and styles and calls
    /// this server only; Swagger UI runs inline scripts of its own, so it gets no policy.
    /// </summary>
    private static string? ContentSecurityPolicy(PathString path) =>
        path.StartsWithSegments("/swagger") ? null
        : path.StartsWithSegments("/v1") || path.StartsWithSegments("/health") || path.StartsWithSegments("/openapi")
            ? "default-src 'none'; frame-ancestors 'none'"
            : "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.Request.QueryString.Value?.Length > MaxQueryLength)
            {
                http.Response.StatusCode = StatusCodes.Status414UriTooLong;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 414, Title = "Query string too long", Detail = $"The query string is over {MaxQueryLength} characters." },
                });
                return;
            }
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            if (ContentSecurityPolicy(http.Request.Path) is { } policy) headers.ContentSecurityPolicy = policy;
            await next(http);
        });
        return app;
    }
}
