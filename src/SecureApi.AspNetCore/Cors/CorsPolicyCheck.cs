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
        return PolicyUse.Undefined(
            endpoints,
            endpoint => endpoint.Metadata.GetMetadata<IEnableCorsAttribute>()?.PolicyName,
            policies.ContainsKey,
            (name, endpoint) => $"{ApiCorsOptions.SectionName}:Policies:{name} is not configured, but {endpoint} requires it.");
    }
}
