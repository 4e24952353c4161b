using System.ComponentModel.DataAnnotations;

namespace EventsApi.Infrastructure;

/// <summary>Configuration section "Api": limits a client can reach.</summary>
public sealed class ApiOptions
{
    /// <summary>The largest page of the streamed formats (CSV, NDJSON, GeoJSON); JSON pages stop at 1000.</summary>
    [Range(1000, 100_000_000)]
    public int MaxExportLimit { get; set; } = 1_000_000;
}

/// <summary>Configuration section "RateLimit": requests per client address per window.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 1200;

    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>Configuration section "Cors": which origins may read the API from a browser.</summary>
public sealed class CorsOptions
{
    /// <summary>"*" (the default: a public, read-only dataset) or a list of origins.</summary>
    public string[] AllowedOrigins { get; set; } = ["*"];
}
