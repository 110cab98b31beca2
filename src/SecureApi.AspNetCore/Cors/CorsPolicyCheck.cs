using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Configuration;

namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// Refuses to start when an endpoint names a CORS policy (<c>RequireCors</c>, <c>[EnableCors]</c>)
/// that <c>Cors:Policies</c> does not define: a misspelled name would otherwise deny every origin.
/// </summary>
internal sealed class CorsPolicyCheck(IOptionsMonitor<ApiCorsOptions> options) : IEndpointConfigurationCheck
{
    /// <inheritdoc />
    public IEnumerable<string> FindFailures(IReadOnlyList<Endpoint> endpoints)
    {
        var policies = options.CurrentValue.Policies;
        return endpoints
            .Select(endpoint => new PolicyUse(endpoint, endpoint.Metadata.GetMetadata<IEnableCorsAttribute>()?.PolicyName))
            .Where(use => !string.IsNullOrEmpty(use.Name) && !policies.ContainsKey(use.Name))
            .GroupBy(use => use.Name!, StringComparer.Ordinal)
            .Select(group => $"{ApiCorsOptions.SectionName}:Policies:{group.Key} is not configured, but {group.First().Endpoint.DisplayName} requires it.");
    }
}
