namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>What the rate limiter does while its shared store is unreachable.</summary>
public enum RateLimitStoreFailure
{
    /// <summary>
    /// Each instance counts on its own with the same policies, so the service keeps serving; the
    /// limits hold per instance, not across them, until the store returns.
    /// </summary>
    Open,

    /// <summary>Counted requests are refused with 503 until the store returns; exempt and unlimited endpoints still answer.</summary>
    Closed,
}
