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
    private readonly RateLimitRule _globalRule;
    private readonly RateLimitRule[] _globalRules;
    private readonly Dictionary<string, RateLimitRule[]> _policyRules = new(StringComparer.Ordinal);
    private readonly ClientRateLimiter _inProcess;
    private readonly PartitionedRateLimiter<HttpContext>? _localGlobal;

    public SharedRateLimiter(SharedRateLimitStore store, ApiRateLimitingOptions rules, RateLimitPartitions partitions, SharedRateLimitStoreState state)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rules);

        _store = store;
        _partitions = partitions;
        _failure = rules.RedisFailure;
        _state = state;

        // Shared are the rules the in-process limiter would cover; a global concurrency limit stays here.
        var sharesGlobal = ClientRateLimiter.Covers(rules.Global);
        _inProcess = new ClientRateLimiter(rules, partitions, countsGlobal: sharesGlobal);
        _globalRule = new RateLimitRule(ApiRateLimitingOptions.GlobalPolicyName, rules.Global);
        var global = sharesGlobal ? _globalRule : null;
        if (!sharesGlobal)
        {
            var limiters = RateLimitPartitions.LimiterFactory(rules.Global);
            _localGlobal = PartitionedRateLimiter.Create<HttpContext, ClientPartitionKey>(context => partitions.For(context, limiters));
        }

        _globalRules = global is null ? [] : [global];
        foreach (var (name, policy) in rules.Policies.Where(entry => ClientRateLimiter.Covers(entry.Value)))
        {
            var rule = new RateLimitRule(name, policy);
            _policyRules[name] = global is null ? [rule] : [global, rule];
        }
    }

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
                return new PolicyRejection(_globalRule, retryAfter: null, local);
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
                if (result.Outcome == SharedRateLimitOutcome.Refused)
                {
                    return Refuse(local, new PolicyRejection(rules[result.Rule], result.Wait));
                }

                RateLimitHeaders.Write(resource.Response, rules[result.Rule], result.Remaining, RateLimitHeaders.Seconds(result.Wait));
                return local ?? StatelessLease.Acquired;
            }
        }

        _state.Missed(_failure);
        if (_failure == RateLimitStoreFailure.Closed)
        {
            return Refuse(local, StoreUnavailableRejection.Instance);
        }

        var lease = await _inProcess.AcquireAsync(resource, client, cancellationToken);
        return lease.IsAcquired ? local ?? lease : Refuse(local, lease);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _localGlobal?.Dispose();
            _inProcess.Dispose();
        }

        base.Dispose(disposing);
    }

    private RateLimitRule[] RulesOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName is { } policy
        && _policyRules.TryGetValue(policy, out var rules)
            ? rules
            : _globalRules;

    private static RateLimitLease Refuse(RateLimitLease? local, RateLimitLease rejection)
    {
        local?.Dispose();
        return rejection;
    }
}
