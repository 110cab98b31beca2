using System.Threading.RateLimiting;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// A refusal that names the policy that refused, so that the 429 names it too: the in-box
/// middleware does not say whether the global limiter or the endpoint's policy refused.
/// </summary>
/// <param name="rule">The policy that refused.</param>
/// <param name="retryAfter">When it admits again, if known.</param>
/// <param name="inner">The limiter's own lease, disposed with this one.</param>
internal sealed class PolicyRejection(RateLimitRule rule, TimeSpan? retryAfter, RateLimitLease? inner = null) : RateLimitLease
{
    private static readonly string[] RetryAfterName = [MetadataName.RetryAfter.Name];

    /// <summary>The policy that refused.</summary>
    public RateLimitRule Rule => rule;

    /// <inheritdoc />
    public override bool IsAcquired => false;

    /// <inheritdoc />
    public override IEnumerable<string> MetadataNames => inner?.MetadataNames ?? (retryAfter is null ? [] : RetryAfterName);

    /// <inheritdoc />
    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (inner is not null)
        {
            return inner.TryGetMetadata(metadataName, out metadata);
        }

        metadata = retryAfter;
        return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner?.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A refusal because the shared store is unreachable and the limiter fails closed: a 503, not a 429.</summary>
internal sealed class StoreUnavailableRejection : RateLimitLease
{
    /// <summary>The one instance: it holds nothing.</summary>
    public static readonly StoreUnavailableRejection Instance = new();

    private StoreUnavailableRejection()
    {
    }

    /// <inheritdoc />
    public override bool IsAcquired => false;

    /// <inheritdoc />
    public override IEnumerable<string> MetadataNames => [];

    /// <inheritdoc />
    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }
}

/// <summary>A lease that holds nothing: admitted, or the answer "not without asking the store".</summary>
internal sealed class StatelessLease : RateLimitLease
{
    /// <summary>Admitted; nothing to release.</summary>
    public static readonly StatelessLease Acquired = new(true);

    /// <summary>Not decided without a round trip: the middleware then calls the asynchronous acquire.</summary>
    public static readonly StatelessLease NotWithoutWaiting = new(false);

    private StatelessLease(bool isAcquired) => IsAcquired = isAcquired;

    /// <inheritdoc />
    public override bool IsAcquired { get; }

    /// <inheritdoc />
    public override IEnumerable<string> MetadataNames => [];

    /// <inheritdoc />
    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }
}
