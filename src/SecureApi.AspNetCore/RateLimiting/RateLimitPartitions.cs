using System.Net;
using System.Threading.RateLimiting;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// Turns a configured policy into per-client limiter partitions, with exempt networks unlimited.
/// </summary>
internal sealed class RateLimitPartitions
{
    private readonly UInt128 _ipv6Mask;
    private readonly (UInt128 Network, UInt128 Mask)[] _exempt;

    public RateLimitPartitions(ApiRateLimitingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        _ipv6Mask = ClientPartitionKey.PrefixMask(options.IPv6PrefixLength);
        _exempt = [.. options.ExemptNetworks.Select(ToRange)];
    }

    /// <summary>The partition of a request: the client's limiter, or no limiter for an exempt client.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="limiters">The policy's limiter factory.</param>
    /// <returns>The partition.</returns>
    public RateLimitPartition<ClientPartitionKey> For(HttpContext context, Func<ClientPartitionKey, RateLimiter> limiters)
    {
        var key = KeyOf(context);
        return key.IsExempt
            ? RateLimitPartition.GetNoLimiter(ClientPartitionKey.Exempt)
            : RateLimitPartition.Get(key, limiters);
    }

    /// <summary>Who a request is counted against, or <see cref="ClientPartitionKey.Exempt"/> for an exempt client.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <returns>The key.</returns>
    public ClientPartitionKey KeyOf(HttpContext context)
    {
        var key = ClientPartitionKey.For(context, _ipv6Mask);

        // Against the whole address: the IPv6 prefix groups addresses for counting only.
        return key.UserId is null && _exempt.Length > 0
            && IsExempt(ClientPartitionKey.Normalize(context.Connection.RemoteIpAddress, UInt128.MaxValue))
            ? ClientPartitionKey.Exempt
            : key;
    }

    /// <summary>
    /// The factory of a policy's per-client limiters, built once: creating the options (or a
    /// closure over them) on every request would allocate on the hot path. The limiters do not
    /// replenish themselves: that would take a timer per client. What holds them
    /// (<see cref="ClientLimiters"/>, or the in-box partitioned limiter) replenishes them all from
    /// one timer, and forgets those idle for 10 seconds.
    /// Windows and buckets are observed, so that their leases tell what is left and when more comes.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The factory.</returns>
    public static Func<ClientPartitionKey, RateLimiter> LimiterFactory(RateLimitPolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(policy);

        switch (policy.Algorithm)
        {
            case RateLimitAlgorithm.SlidingWindow:
                var sliding = new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = policy.PermitLimit,
                    Window = TimeSpan.FromSeconds(policy.WindowSeconds),
                    SegmentsPerWindow = policy.SegmentsPerWindow,
                    QueueLimit = policy.QueueLimit,
                    AutoReplenishment = false,
                };
                return _ => new ObservedRateLimiter(new SlidingWindowRateLimiter(sliding));
            case RateLimitAlgorithm.TokenBucket:
                var bucket = new TokenBucketRateLimiterOptions
                {
                    TokenLimit = policy.PermitLimit,
                    TokensPerPeriod = policy.TokensPerPeriod,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(policy.ReplenishmentPeriodSeconds),
                    QueueLimit = policy.QueueLimit,
                    AutoReplenishment = false,
                };
                return _ => new ObservedRateLimiter(new TokenBucketRateLimiter(bucket));
            case RateLimitAlgorithm.Concurrency:
                var concurrency = new ConcurrencyLimiterOptions { PermitLimit = policy.PermitLimit, QueueLimit = policy.QueueLimit };
                return _ => new ConcurrencyLimiter(concurrency);
            default:
                var window = new FixedWindowRateLimiterOptions
                {
                    PermitLimit = policy.PermitLimit,
                    Window = TimeSpan.FromSeconds(policy.WindowSeconds),
                    QueueLimit = policy.QueueLimit,
                    AutoReplenishment = false,
                };
                return _ => new ObservedRateLimiter(new FixedWindowRateLimiter(window));
        }
    }

    private bool IsExempt(UInt128 address)
    {
        foreach (var (network, mask) in _exempt)
        {
            if ((address & mask) == network)
            {
                return true;
            }
        }

        return false;
    }

    private static (UInt128 Network, UInt128 Mask) ToRange(string entry)
    {
        // A lone address is exactly that address (IPNetwork would take it as a network of its
        // own choosing).
        var network = entry.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.Parse(entry)
            : new IPNetwork(IPAddress.Parse(entry), IPAddress.Parse(entry).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);

        // IPv4 networks live in the ::ffff:0:0/96 space, as client addresses do.
        var prefix = network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? network.PrefixLength + 96
            : network.PrefixLength;
        var mask = ClientPartitionKey.PrefixMask(prefix);
        return (ClientPartitionKey.Normalize(network.BaseAddress, UInt128.MaxValue) & mask, mask);
    }
}
