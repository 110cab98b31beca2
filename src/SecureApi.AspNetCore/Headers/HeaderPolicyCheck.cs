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
        return PolicyUse.Undefined(
            endpoints,
            endpoint => endpoint.Metadata.GetMetadata<HeaderPolicyMetadata>()?.PolicyName,
            policies.ContainsKey,
            (name, endpoint) => $"The security header policy '{name}' is not registered (AddApiSecurityHeaders(options => options.AddPolicy(\"{name}\", ...))), " +
                $"but {endpoint} requires it.");
    }
}
