using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Configuration;

namespace SecureApi.AspNetCore.Headers;

/// <summary>
/// Refuses to start when an endpoint names a security header policy (<c>WithHeaderPolicy</c>) that
/// no <see cref="ApiSecurityHeadersOptions.AddPolicy"/> registered: its every response would fail.
/// </summary>
internal sealed class HeaderPolicyCheck(IOptions<ApiSecurityHeadersOptions> options) : IEndpointConfigurationCheck
{
    /// <inheritdoc />
    public IEnumerable<string> FindFailures(IReadOnlyList<Endpoint> endpoints)
    {
        var policies = options.Value.Policies;
        return endpoints
            .Select(endpoint => new PolicyUse(endpoint, endpoint.Metadata.GetMetadata<HeaderPolicyMetadata>()?.PolicyName))
            .Where(use => use.Name is not null && !policies.ContainsKey(use.Name))
            .GroupBy(use => use.Name!, StringComparer.Ordinal)
            .Select(group => $"The security header policy '{group.Key}' is not registered (AddApiSecurityHeaders(options => options.AddPolicy(\"{group.Key}\", ...))), " +
                $"but {group.First().Endpoint.DisplayName} requires it.");
    }
}
