using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// When instances share a store, counts each request's global limit and its endpoint's window or
/// bucket policy together, in one round trip to the store, after the in-box middleware has applied
/// the limits that stay in this instance (concurrency: they protect its own capacity). It awaits
/// the store itself: the in-box middleware's limiters are asked synchronously first, and a round
/// trip has no synchronous answer. While the store is unreachable it counts in-process with the
/// same policies (fail open) or refuses with 503 (fail closed), and logs the outage once and the
/// recovery once.
/// </summary>
internal sealed class SharedRateLimitMiddleware(RequestDelegate next, SharedRateLimitCounter counter, RateLimitRejectionWriter rejection)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using var lease = await counter.AcquireAsync(context);
        if (lease.IsAcquired)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await rejection.WriteAsync(new OnRejectedContext { HttpContext = context, Lease = lease });
    }
}

/// <summary>The counting of <see cref="SharedRateLimitMiddleware"/>, one for the application.</summary>
internal sealed class SharedRateLimitCounter : IDisposable
{
    private readonly SharedRateLimitStore _store;
    private readonly RateLimitPartitions _partitions;
    private readonly RateLimitStoreFailure _failure;
    private readonly SharedRateLimitStoreState _state;
    private readonly RateLimitRule[] _globalRules;
    private readonly Dictionary<string, RateLimitRule[]> _policyRules = new(StringComparer.Ordinal);
    private readonly ClientRateLimiter _inProcess;

    public SharedRateLimitCounter(SharedRateLimitStore store, IOptions<ApiRateLimitingOptions> options, SharedRateLimitStoreState state)
    {
        var rules = options.Value;
        _store = store;
        _partitions = new RateLimitPartitions(rules);
        _failure = rules.RedisFailure;
        _state = state;

        // Shared are the rules the in-process limiter would cover; a global concurrency limit stays
        // with the in-box middleware.
        var sharesGlobal = ClientRateLimiter.Covers(rules.Global);
        _inProcess = new ClientRateLimiter(rules, _partitions, countsGlobal: sharesGlobal);
        var global = sharesGlobal ? new RateLimitRule(ApiRateLimitingOptions.GlobalPolicyName, rules.Global) : null;
        _globalRules = global is null ? [] : [global];
        foreach (var (name, policy) in rules.Policies.Where(entry => ClientRateLimiter.Covers(entry.Value)))
        {
            var rule = new RateLimitRule(name, policy);
            _policyRules[name] = global is null ? [rule] : [global, rule];
        }
    }

    /// <summary>Counts the request; the lease says whether it is admitted.</summary>
    /// <param name="context">The request, after routing.</param>
    /// <returns>The lease: admitted, or the refusal.</returns>
    public async ValueTask<RateLimitLease> AcquireAsync(HttpContext context)
    {
        // As the in-box middleware: an endpoint that opted out is counted by no limiter.
        if (context.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is not null)
        {
            return StatelessLease.Acquired;
        }

        var client = _partitions.KeyOf(context);
        var rules = RulesOf(context);
        if (client.IsExempt || rules.Length == 0)
        {
            return StatelessLease.Acquired;
        }

        if (_store.IsAvailable)
        {
            var result = await _store.AcquireAsync(client, rules, context.RequestAborted);
            if (result.Outcome != SharedRateLimitOutcome.Unavailable)
            {
                _state.Reached();
                if (result.Outcome == SharedRateLimitOutcome.Refused)
                {
                    return new PolicyRejection(rules[result.Rule], result.Wait);
                }

                RateLimitHeaders.Write(context.Response, rules[result.Rule], result.Remaining, RateLimitHeaders.Seconds(result.Wait));
                return StatelessLease.Acquired;
            }
        }

        _state.Missed(_failure);
        return _failure == RateLimitStoreFailure.Closed
            ? StoreUnavailableRejection.Instance
            : await _inProcess.AcquireAsync(context, client, context.RequestAborted);
    }

    private RateLimitRule[] RulesOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName is { } policy
        && _policyRules.TryGetValue(policy, out var rules)
            ? rules
            : _globalRules;

    /// <inheritdoc />
    public void Dispose() => _inProcess.Dispose();
}
