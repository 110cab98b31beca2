using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Configuration;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// Refuses to start when an endpoint requires a rate limiting policy that configuration does not
/// define: the in-box limiter would fail each of its requests instead.
/// </summary>
internal sealed class RateLimitPolicyCheck(IOptions<ApiRateLimitingOptions> options) : IEndpointConfigurationCheck
{
    /// <inheritdoc />
    public IEnumerable<string> FindFailures(IReadOnlyList<Endpoint> endpoints) =>
        endpoints
            .Select(endpoint => (Endpoint: endpoint, Policy: endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName))
            .Where(required => required.Policy is not null && !options.Value.Policies.ContainsKey(required.Policy))
            .GroupBy(required => required.Policy!, StringComparer.Ordinal)
            .Select(missing =>
                $"{ApiRateLimitingOptions.SectionName}:Policies:{missing.Key} is not configured, but {missing.First().Endpoint.DisplayName} requires it.");
}
