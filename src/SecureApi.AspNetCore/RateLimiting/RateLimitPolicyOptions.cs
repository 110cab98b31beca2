namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// One rate limiting policy as configured (<c>RateLimiting:Global</c>, <c>RateLimiting:Policies:&lt;Name&gt;</c>),
/// applied per client.
/// </summary>
public sealed class RateLimitPolicyOptions
{
    /// <summary>The algorithm.</summary>
    public RateLimitAlgorithm Algorithm { get; set; } = RateLimitAlgorithm.FixedWindow;

    /// <summary>Requests per window, bucket size, or requests in flight.</summary>
    public int PermitLimit { get; set; } = 100;

    /// <summary>The window of the window algorithms, in seconds.</summary>
    public int WindowSeconds { get; set; } = 60;

    /// <summary>The segments of a sliding window.</summary>
    public int SegmentsPerWindow { get; set; } = 6;

    /// <summary>Tokens a token bucket gains per period.</summary>
    public int TokensPerPeriod { get; set; } = 10;

    /// <summary>A token bucket's period, in seconds.</summary>
    public int ReplenishmentPeriodSeconds { get; set; } = 10;

    /// <summary>
    /// How many requests over the limit wait for a permit instead of being rejected; 0 rejects at
    /// once, which keeps a flood from tying up the server.
    /// </summary>
    public int QueueLimit { get; set; }

    /// <summary>The window the quota applies to, for the <c>RateLimit-Policy</c> header.</summary>
    public int QuotaWindowSeconds => Algorithm switch
    {
        RateLimitAlgorithm.TokenBucket => ReplenishmentPeriodSeconds * Math.Max(1, PermitLimit / Math.Max(1, TokensPerPeriod)),
        RateLimitAlgorithm.Concurrency => 1,
        _ => WindowSeconds,
    };
}
