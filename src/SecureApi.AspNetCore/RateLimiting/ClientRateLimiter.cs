using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// The global limiter of an instance that counts on its own: per client, the global limit and the
/// endpoint's window or bucket policy, decided together so that the request's client key is
/// computed once, the 429 names the policy that refused, and every counted response carries the
/// <c>RateLimit</c> headers of the rule closest to exhaustion. The endpoint policies it covers are
/// registered as no limiter; concurrency policies hold their permit for the whole request, so the
/// in-box middleware keeps them.
/// </summary>
internal sealed class ClientRateLimiter : PartitionedRateLimiter<HttpContext>
{
    private readonly RateLimitPartitions _partitions;
    private readonly Counter? _global;
    private readonly CounterSet _globalOnly;
    private readonly Dictionary<string, CounterSet> _withPolicy = new(StringComparer.Ordinal);

    /// <param name="rules">The settings.</param>
    /// <param name="partitions">Who a request is counted against.</param>
    /// <param name="countsGlobal">Whether this limiter counts the global limit; the shared limiter
    /// keeps a global concurrency limit of its own.</param>
    public ClientRateLimiter(ApiRateLimitingOptions rules, RateLimitPartitions partitions, bool countsGlobal = true)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(partitions);

        _partitions = partitions;
        _global = countsGlobal ? new Counter(new RateLimitRule(ApiRateLimitingOptions.GlobalPolicyName, rules.Global)) : null;
        _globalOnly = new CounterSet(_global is null ? [] : [_global]);
        foreach (var (name, policy) in rules.Policies.Where(entry => Covers(entry.Value)))
        {
            var counter = new Counter(new RateLimitRule(name, policy));
            _withPolicy[name] = new CounterSet(_global is null ? [counter] : [_global, counter]);
        }
    }

    /// <summary>Whether a policy is counted here rather than by the in-box middleware: every one but concurrency limits.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>Whether this limiter counts it.</returns>
    public static bool Covers(RateLimitPolicyOptions policy) => policy.Algorithm != RateLimitAlgorithm.Concurrency;

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) =>
        _global?.Limiter.GetStatistics(_partitions.KeyOf(resource));

    /// <summary>Counts a request of a client whose key is known.</summary>
    /// <param name="context">The request.</param>
    /// <param name="client">Its client, not exempt.</param>
    /// <param name="cancellationToken">Cancels a wait in a queue.</param>
    /// <returns>The lease: admitted (holding a concurrency permit if the global limit is one), or the refusal.</returns>
    public async ValueTask<RateLimitLease> AcquireAsync(HttpContext context, ClientPartitionKey client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        var tightest = default(TightestQuota);
        RateLimitLease? held = null;
        foreach (var counter in CountersOf(context).Counters)
        {
            var lease = await counter.Limiter.AcquireAsync(client, 1, cancellationToken);
            if (!Admit(counter, lease, ref tightest, ref held))
            {
                return Refusal(counter, lease, held);
            }
        }

        tightest.Write(context.Response);
        return held ?? StatelessLease.Acquired;
    }

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        var client = _partitions.KeyOf(resource);
        var counters = CountersOf(resource);
        if (client.IsExempt)
        {
            return StatelessLease.Acquired;
        }

        // A request that may wait in a queue is decided where it can wait.
        if (counters.Queues)
        {
            return StatelessLease.NotWithoutWaiting;
        }

        var tightest = default(TightestQuota);
        RateLimitLease? held = null;
        foreach (var counter in counters.Counters)
        {
            var lease = counter.Limiter.AttemptAcquire(client, permitCount);
            if (!Admit(counter, lease, ref tightest, ref held))
            {
                // The middleware asks again, asynchronously, before it refuses: that answer is this
                // one, or the rules admitted before the refusing one would count the request twice.
                var refusal = Refusal(counter, lease, held);
                resource.Features.Set(new PendingRefusal(refusal));
                return refusal;
            }
        }

        tightest.Write(resource.Response);
        return held ?? StatelessLease.Acquired;
    }

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        if (resource.Features.Get<PendingRefusal>() is { } pending)
        {
            resource.Features.Set<PendingRefusal>(null);
            return ValueTask.FromResult(pending.Lease);
        }

        var client = _partitions.KeyOf(resource);
        return client.IsExempt ? ValueTask.FromResult<RateLimitLease>(StatelessLease.Acquired) : AcquireAsync(resource, client, cancellationToken);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _global?.Limiter.Dispose();
            foreach (var counters in _withPolicy.Values)
            {
                counters.Counters[^1].Limiter.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private static bool Admit(Counter counter, RateLimitLease lease, ref TightestQuota tightest, ref RateLimitLease? held)
    {
        if (!lease.IsAcquired)
        {
            return false;
        }

        if (lease is ObservedLease observed)
        {
            tightest.Consider(counter.Rule, observed.Remaining, observed.UntilReplenished);
            observed.Dispose(); // a window or bucket lease holds nothing to give back
        }
        else
        {
            held = lease; // a concurrency permit, given back when the request ends
        }

        return true;
    }

    private static PolicyRejection Refusal(Counter counter, RateLimitLease lease, RateLimitLease? held)
    {
        held?.Dispose();
        return new PolicyRejection(counter.Rule, retryAfter: null, lease);
    }

    private CounterSet CountersOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName is { } policy
        && _withPolicy.TryGetValue(policy, out var counters)
            ? counters
            : _globalOnly;

    /// <summary>A rule and its per-client limiters.</summary>
    private sealed class Counter(RateLimitRule rule)
    {
        public RateLimitRule Rule { get; } = rule;

        public ClientLimiters Limiter { get; } = new(rule.Policy);
    }

    /// <summary>The rules a request meets, in order.</summary>
    private sealed class CounterSet(Counter[] counters)
    {
        public Counter[] Counters { get; } = counters;

        public bool Queues { get; } = counters.Any(counter => counter.Rule.Policy.QueueLimit > 0);
    }

    /// <summary>The refusal the synchronous attempt decided, for the asynchronous one to return.</summary>
    private sealed class PendingRefusal(RateLimitLease lease)
    {
        public RateLimitLease Lease { get; } = lease;
    }
}
