using System.Threading.RateLimiting;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// The global limiter, which marks the leases it refuses so that the rejection can name the
/// policy that refused (the endpoint's own policy runs only after the global one admitted).
/// </summary>
internal sealed class GlobalRateLimiter(PartitionedRateLimiter<HttpContext> inner) : PartitionedRateLimiter<HttpContext>
{
    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        Mark(inner.AttemptAcquire(resource, permitCount));

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        Mark(await inner.AcquireAsync(resource, permitCount, cancellationToken));

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // Only refusals are wrapped: admitted requests allocate nothing more.
    private static RateLimitLease Mark(RateLimitLease lease) =>
        lease.IsAcquired ? lease : new PolicyRejection(ApiRateLimitingOptions.GlobalPolicyName, retryAfter: null, lease);
}
