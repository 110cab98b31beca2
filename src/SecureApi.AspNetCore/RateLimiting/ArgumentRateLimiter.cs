using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// Counts requests per value of an argument (the account a sign-in names) under a configured
/// window or bucket policy: in the shared store when there is one, so that the instances count
/// together, else in-process. The value is kept only as a hash, and whether it names anything
/// that exists plays no part.
/// </summary>
internal sealed class ArgumentRateLimiter(IOptions<ApiRateLimitingOptions> options, IServiceProvider services) : IDisposable
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly SharedRateLimitStore? _store = services.GetService<SharedRateLimitStore>();
    private SharedRateLimitStoreState? _state;

    /// <summary>Counts one request with this value under the policy.</summary>
    /// <param name="policyName">The policy, configured under <c>RateLimiting:Policies</c>.</param>
    /// <param name="value">The argument's value.</param>
    /// <param name="cancellationToken">Cancels a wait.</param>
    /// <returns>Admitted, or the refusal for the rejection writer.</returns>
    public async ValueTask<RateLimitLease> AcquireAsync(string policyName, string value, CancellationToken cancellationToken)
    {
        var counter = _counters.GetOrAdd(policyName, name => new Counter(new RateLimitRule(name, options.Value.Policies[name])));
        var key = new ClientPartitionKey($"{policyName}:{Hash(value)}", UInt128.Zero);
        if (_store is not null)
        {
            var state = _state ??= services.GetRequiredService<SharedRateLimitStoreState>();
            if (_store.IsAvailable)
            {
                var result = await _store.AcquireAsync(key, counter.Rules, cancellationToken);
                if (result.Outcome != SharedRateLimitOutcome.Unavailable)
                {
                    state.Reached();
                    return result.Outcome == SharedRateLimitOutcome.Acquired
                        ? StatelessLease.Acquired
                        : new PolicyRejection(counter.Rules[0], result.Wait);
                }
            }

            state.Missed(options.Value.RedisFailure);
            if (options.Value.RedisFailure == RateLimitStoreFailure.Closed)
            {
                return StoreUnavailableRejection.Instance;
            }
        }

        var lease = await counter.Local.AcquireAsync(key, 1, cancellationToken);
        return lease.IsAcquired ? lease : new PolicyRejection(counter.Rules[0], retryAfter: null, lease);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var counter in _counters.Values)
        {
            counter.Local.Dispose();
        }
    }

    // Case and surrounding spaces do not make another account; the value itself is not kept.
    private static string Hash(string value) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value.Trim().ToUpperInvariant())).AsSpan(0, 16));

    private sealed class Counter(RateLimitRule rule)
    {
        public RateLimitRule[] Rules { get; } = [rule];

        public ClientLimiters Local { get; } = new(rule.Policy);
    }
}

/// <summary>Marks an endpoint as counted per argument value under a policy, for the startup check.</summary>
/// <param name="PolicyName">The policy.</param>
internal sealed record ArgumentRateLimitMetadata(string PolicyName);
