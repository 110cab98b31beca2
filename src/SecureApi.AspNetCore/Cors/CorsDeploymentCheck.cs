using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Configuration;

namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// Warns in Production of a wildcard origin in a policy that allows credentials: every subdomain,
/// a forgotten or taken-over one included, can then read and write as the signed-in user.
/// </summary>
internal sealed class CorsDeploymentCheck(IOptionsMonitor<ApiCorsOptions> options) : IDeploymentCheck
{
    /// <inheritdoc />
    public IEnumerable<string> FindWarnings() =>
        options.Get(ApiCorsOptionsValidator.StartupInstance).AllPolicies()
            .Where(entry => entry.Policy.AllowCredentials)
            .SelectMany(entry => entry.Policy.AllowedOrigins
                .Where(origin => origin.Contains("://*.", StringComparison.Ordinal))
                .Select(origin => $"{entry.Key}:AllowedOrigins has '{origin}' with {entry.Key}:AllowCredentials true: any subdomain, " +
                    "a taken-over one included, can read and write as the signed-in user. List the exact origins, or set AllowCredentials to false."));
}
