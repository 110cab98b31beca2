namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// Whether the shared store answers, as the limiter last found it: logged once when it stops
/// answering and once when it answers again, however many requests meet it meanwhile.
/// </summary>
/// <param name="store">The store.</param>
/// <param name="logger">The logger.</param>
internal sealed class SharedRateLimitStoreState(SharedRateLimitStore store, ILogger<SharedRateLimitStoreState> logger)
{
    private int _missing;

    /// <summary>A request reached the store.</summary>
    public void Reached()
    {
        if (Volatile.Read(ref _missing) == 1 && Interlocked.Exchange(ref _missing, 0) == 1)
        {
            RateLimitLog.StoreRecovered(logger, store.Name);
        }
    }

    /// <summary>A request found the store unreachable.</summary>
    /// <param name="failure">What the limiter does meanwhile.</param>
    public void Missed(RateLimitStoreFailure failure)
    {
        if (Volatile.Read(ref _missing) == 0 && Interlocked.Exchange(ref _missing, 1) == 0)
        {
            RateLimitLog.StoreUnavailable(logger, store.Name, failure == RateLimitStoreFailure.Open
                ? "each instance counts on its own"
                : "counted requests are refused with 503");
        }
    }
}
