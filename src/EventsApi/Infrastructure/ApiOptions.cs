using System.ComponentModel.DataAnnotations;

namespace EventsApi.Infrastructure;

/// <summary>Configuration section "Api": limits a client can reach.</summary>
public sealed class ApiOptions
{
    /// <summary>The largest page of the streamed formats (CSV, NDJSON, GeoJSON); JSON pages stop at 1000.</summary>
    [Range(1000, 100_000_000)]
    public int MaxExportLimit { get; set; } = 1_000_000;

    /// <summary>The SQLite time one request may spend; past it the statement is interrupted and the answer is a 503 problem.</summary>
    [Range(1, 3_600_000)]
    public int QueryTimeLimitMilliseconds { get; set; } = 10_000;

    /// <summary>The same for a streamed export (CSV, NDJSON, GeoJSON), which may rightly read a million rows.</summary>
    [Range(1, 86_400)]
    public int ExportTimeLimitSeconds { get; set; } = 900;

    /// <summary>Requests served at once (default four per core); the others wait in a queue, oldest first.</summary>
    [Range(1, 10_000)]
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>Requests served at once: the setting, or four per core.</summary>
    public int ConcurrentRequests => MaxConcurrentRequests ?? Environment.ProcessorCount * 4;

    /// <summary>Requests that may wait for a slot; beyond it the answer is a 503 problem with Retry-After.</summary>
    [Range(0, 1_000_000)]
    public int RequestQueueLimit { get; set; } = 5000;
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
