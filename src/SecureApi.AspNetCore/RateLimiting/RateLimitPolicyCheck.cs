using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Configuration;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// Refuses to start when an endpoint requires a rate limiting policy that configuration does not
/// define (the in-box limiter would fail each of its requests instead), or counts per argument
/// value under a concurrency limit, which counts nothing over time.
/// </summary>
internal sealed class RateLimitPolicyCheck(IOptions<ApiRateLimitingOptions> options) : IEndpointConfigurationCheck
{
    /// <inheritdoc />
    public IEnumerable<string> FindFailures(IReadOnlyList<Endpoint> endpoints)
    {
        var policies = options.Value.Policies;
        var required = endpoints
            .SelectMany(endpoint => endpoint.Metadata.GetOrderedMetadata<ArgumentRateLimitMetadata>()
                .Select(metadata => new Requirement(endpoint, metadata.PolicyName, PerArgument: true))
                .Append(new Requirement(endpoint, endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName, PerArgument: false)))
            .Where(requirement => requirement.Policy is not null)
            .ToList();

        var missing = required
            .Where(requirement => !policies.ContainsKey(requirement.Policy!))
            .GroupBy(requirement => requirement.Policy!, StringComparer.Ordinal)
            .Select(group => $"{ApiRateLimitingOptions.SectionName}:Policies:{group.Key} is not configured, but {group.First().Endpoint.DisplayName} requires it.");
        var concurrent = required
            .Where(requirement => requirement.PerArgument && policies.TryGetValue(requirement.Policy!, out var policy) && !ClientRateLimiter.Covers(policy))
            .GroupBy(requirement => requirement.Policy!, StringComparer.Ordinal)
            .Select(group => $"{ApiRateLimitingOptions.SectionName}:Policies:{group.Key}:Algorithm is Concurrency, but {group.First().Endpoint.DisplayName} " +
                "counts requests per value under it: use FixedWindow, SlidingWindow or TokenBucket.");
        return missing.Concat(concurrent);
    }

    // A class, not a tuple: LINQ over a reference type runs precompiled code, where a value
    // tuple's instantiations are JIT-compiled while the service starts.
    private sealed record Requirement(Endpoint Endpoint, string? Policy, bool PerArgument);
}
