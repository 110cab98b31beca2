using System.Diagnostics;
using System.Threading.RateLimiting;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// One client's window or bucket: the in-box limiter, which decides, and when its permits come
/// back, which it does not tell. Every lease it gives says how many permits are left and how long
/// until the next replenishment, for the <c>RateLimit</c> header on every counted response and an
/// exact <c>Retry-After</c> on a refusal (the in-box fixed window suggests its whole window).
/// </summary>
/// <remarks>
/// The in-box limiters, created without auto-replenishment, replenish when the partitioned
/// limiter's timer calls <see cref="TryReplenish"/> and a whole <see cref="ReplenishmentPeriod"/>
/// has passed since their last replenishment; this one keeps the same clock alongside.
/// </remarks>
internal sealed class ObservedRateLimiter : ReplenishingRateLimiter
{
    private readonly ReplenishingRateLimiter _inner;
    private readonly TimeSpan _period;
    private long _periodStart;

    public ObservedRateLimiter(ReplenishingRateLimiter inner)
    {
        ArgumentNullException.ThrowIfNull(inner);

        _inner = inner;
        _period = inner.ReplenishmentPeriod;
        _periodStart = Stopwatch.GetTimestamp();
    }

    /// <inheritdoc />
    public override TimeSpan? IdleDuration => _inner.IdleDuration;

    /// <inheritdoc />
    public override bool IsAutoReplenishing => _inner.IsAutoReplenishing;

    /// <inheritdoc />
    public override TimeSpan ReplenishmentPeriod => _period;

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics() => _inner.GetStatistics();

    /// <inheritdoc />
    public override bool TryReplenish()
    {
        var replenishing = _inner.TryReplenish();

        // Read after the inner limiter's own clock, so that whenever its period ended, this one's has too.
        var now = Stopwatch.GetTimestamp();
        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _periodStart), now) >= _period)
        {
            Volatile.Write(ref _periodStart, now);
        }

        return replenishing;
    }

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Observe(_inner.AttemptAcquire(permitCount));

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        Observe(await _inner.AcquireAsync(permitCount, cancellationToken));

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private ObservedLease Observe(RateLimitLease lease)
    {
        var untilReplenished = _period - Stopwatch.GetElapsedTime(Volatile.Read(ref _periodStart));
        var remaining = lease.IsAcquired ? _inner.GetStatistics()?.CurrentAvailablePermits ?? 0 : 0;
        return new ObservedLease(lease, remaining, untilReplenished < TimeSpan.Zero ? TimeSpan.Zero : untilReplenished);
    }
}

/// <summary>A lease of an <see cref="ObservedRateLimiter"/>: the decision, the permits left, and when more come.</summary>
/// <param name="inner">The in-box limiter's lease.</param>
/// <param name="remaining">The permits left after this one.</param>
/// <param name="untilReplenished">The time until the next replenishment; on a refusal, the time to wait.</param>
internal sealed class ObservedLease(RateLimitLease inner, long remaining, TimeSpan untilReplenished) : RateLimitLease
{
    private static readonly string[] RetryAfterName = [MetadataName.RetryAfter.Name];

    /// <summary>The permits left after this one.</summary>
    public long Remaining => remaining;

    /// <summary>The time until the next replenishment.</summary>
    public TimeSpan UntilReplenished => untilReplenished;

    /// <inheritdoc />
    public override bool IsAcquired => inner.IsAcquired;

    /// <inheritdoc />
    public override IEnumerable<string> MetadataNames => inner.IsAcquired ? [] : RetryAfterName;

    /// <inheritdoc />
    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (!inner.IsAcquired && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = untilReplenished;
            return true;
        }

        metadata = null;
        return false;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
