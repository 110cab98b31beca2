using Microsoft.Net.Http.Headers;

namespace SecureApi.Security.Headers;

/// <summary>
/// The security header policies of the service: the one place to read, and to relax, what
/// every response tells browsers.
/// </summary>
public static class ApiHeaderPolicies
{
    /// <summary>
    /// The policy of every response that names no other: API-strict. A JSON API renders nothing,
    /// so nothing may be loaded, framed, sniffed or referred, and cross-origin reads go through
    /// CORS only.
    /// </summary>
    /// <returns>A new policy collection.</returns>
    public static HeaderPolicyCollection Api() =>
        new HeaderPolicyCollection()
            .AddDefaultApiSecurityHeaders()
            .AddCrossOriginResourcePolicy(policy => policy.SameOrigin())
            .RemoveStrictTransportSecurity();

    // To relax the policy for one endpoint (an OpenAPI UI page in Development, say), register a
    // named policy in AddApiSecurityHeaders, for example
    //     options.AddPolicy("ApiReference", ApiHeaderPolicies.Api().AddContentSecurityPolicy(csp => { ... }));
    // and select it on that endpoint only: endpoints.MapScalarApiReference().WithHeaderPolicy("ApiReference").

    private static HeaderPolicyCollection RemoveStrictTransportSecurity(this HeaderPolicyCollection policies)
    {
        // HSTS is added per environment and configuration by SecurityHeadersOptions, not per policy.
        policies.Remove(HeaderNames.StrictTransportSecurity);
        return policies;
    }
}
