namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>The limiting algorithm of a policy.</summary>
public enum RateLimitAlgorithm
{
    /// <summary><c>PermitLimit</c> requests per <c>WindowSeconds</c>, counted in fixed windows.</summary>
    FixedWindow,

    /// <summary>The same over a window that slides in <c>SegmentsPerWindow</c> steps: no burst at window edges.</summary>
    SlidingWindow,

    /// <summary>A bucket of <c>PermitLimit</c> tokens, <c>TokensPerPeriod</c> added every <c>ReplenishmentPeriodSeconds</c>.</summary>
    TokenBucket,

    /// <summary>At most <c>PermitLimit</c> requests in flight at once.</summary>
    Concurrency,
}
