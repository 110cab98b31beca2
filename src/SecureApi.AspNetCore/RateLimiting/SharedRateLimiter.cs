using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// The global limiter when instances share a store: it counts the global limit and the endpoint's
/// policy together in one round trip to the store, so the endpoint policies it covers are
/// registered as no limiter. Concurrency limits stay in this instance: they protect its own
/// capacity. While the store is unreachable it counts in-process with the same policies (fail
/// open) or refuses with 503 (fail closed), logs the outage once and the recovery once.
/// </summary>
internal sealed class SharedRateLimiter : PartitionedRateLimiter<HttpContext>
{
    private readonly SharedRateLimitStore _store;
    private readonly RateLimitPartitions _partitions;
    private readonly RateLimitStoreFailure _failure;
    private readonly SharedRateLimitStoreState _state;
    private readonly SharedRateLimitRule[] _globalRules;
    private readonly Dictionary<string, SharedRateLimitRule[]> _policyRules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PartitionedRateLimiter<HttpContext>> _inProcess = new(StringComparer.Ordinal);
    private readonly PartitionedRateLimiter<HttpContext>? _localGlobal;

    public SharedRateLimiter(SharedRateLimitStore store, ApiRateLimitingOptions rules, RateLimitPartitions partitions, SharedRateLimitStoreState state)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rules);

        _store = store;
        _partitions = partitions;
        _failure = rules.RedisFailure;
        _state = state;

        SharedRateLimitRule? global = null;
        if (IsShared(rules.Global))
        {
            global = new SharedRateLimitRule(ApiRateLimitingOptions.GlobalPolicyName, rules.Global);
            _inProcess[global.Name] = InProcess(partitions, rules.Global);
        }
        else
        {
            _localGlobal = InProcess(partitions, rules.Global);
        }

        _globalRules = global is null ? [] : [global];
        foreach (var (name, policy) in rules.Policies.Where(entry => IsShared(entry.Value)))
        {
            var rule = new SharedRateLimitRule(name, policy);
            _policyRules[name] = global is null ? [rule] : [global, rule];
            _inProcess[name] = InProcess(partitions, policy);
        }
    }

    /// <summary>Whether a policy is counted in the shared store: every one but concurrency limits.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>Whether the store counts it.</returns>
    public static bool IsShared(RateLimitPolicyOptions policy) => policy.Algorithm != RateLimitAlgorithm.Concurrency;

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    // Every decision is made in AcquireAsyncCore, which the middleware calls when this refuses,
    // so that a request computes its client key once.
    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) => StatelessLease.NotWithoutWaiting;

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        var client = _partitions.KeyOf(resource);
        if (client.IsExempt)
        {
            return StatelessLease.Acquired;
        }

        RateLimitLease? local = null;
        if (_localGlobal is not null)
        {
            local = await _localGlobal.AcquireAsync(resource, permitCount, cancellationToken);
            if (!local.IsAcquired)
            {
                return new PolicyRejection(ApiRateLimitingOptions.GlobalPolicyName, retryAfter: null, local);
            }
        }

        var rules = RulesOf(resource);
        if (rules.Length == 0)
        {
            return local ?? StatelessLease.Acquired;
        }

        if (_store.IsAvailable)
        {
            var result = await _store.AcquireAsync(client, rules, cancellationToken);
            if (result.Outcome != SharedRateLimitOutcome.Unavailable)
            {
                _state.Reached();
                return result.Outcome == SharedRateLimitOutcome.Acquired
                    ? local ?? StatelessLease.Acquired
                    : Refuse(local, new PolicyRejection(rules[result.RefusedRule].Name, result.RetryAfter));
            }
        }

        _state.Missed(_failure);
        return _failure == RateLimitStoreFailure.Closed
            ? Refuse(local, StoreUnavailableRejection.Instance)
            : await AcquireInProcessAsync(resource, rules, local, cancellationToken);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _localGlobal?.Dispose();
            foreach (var limiter in _inProcess.Values)
            {
                limiter.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private async ValueTask<RateLimitLease> AcquireInProcessAsync(
        HttpContext resource, SharedRateLimitRule[] rules, RateLimitLease? local, CancellationToken cancellationToken)
    {
        foreach (var rule in rules)
        {
            // Window and bucket leases hold nothing to give back, so each is released at once.
            using var lease = await _inProcess[rule.Name].AcquireAsync(resource, 1, cancellationToken);
            if (!lease.IsAcquired)
            {
                var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
                return Refuse(local, new PolicyRejection(rule.Name, retryAfter));
            }
        }

        return local ?? StatelessLease.Acquired;
    }

    private SharedRateLimitRule[] RulesOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName is { } policy
        && _policyRules.TryGetValue(policy, out var rules)
            ? rules
            : _globalRules;

    private static RateLimitLease Refuse(RateLimitLease? local, RateLimitLease rejection)
    {
        local?.Dispose();
        return rejection;
    }

    private static PartitionedRateLimiter<HttpContext> InProcess(RateLimitPartitions partitions, RateLimitPolicyOptions policy)
    {
        var limiters = RateLimitPartitions.LimiterFactory(policy);
        return PartitionedRateLimiter.Create<HttpContext, ClientPartitionKey>(context => partitions.For(context, limiters));
    }
}
