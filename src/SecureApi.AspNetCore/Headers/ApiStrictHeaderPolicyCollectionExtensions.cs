using Microsoft.Net.Http.Headers;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The API-strict preset of security headers, in the style of NetEscapades' own presets.
/// </summary>
public static class ApiStrictHeaderPolicyCollectionExtensions
{
    /// <summary>
    /// Adds the headers of an API-strict policy: a JSON API renders nothing, so nothing may be
    /// loaded, framed, sniffed or referred, and cross-origin reads go through CORS only
    /// (NetEscapades' <c>AddDefaultApiSecurityHeaders()</c> with
    /// <c>Cross-Origin-Resource-Policy: same-origin</c>). HSTS is not part of a policy: it is sent
    /// per environment and the <c>Hsts</c> configuration section, over HTTPS only.
    /// </summary>
    /// <param name="policies">The policy collection.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static HeaderPolicyCollection AddApiStrictSecurityHeaders(this HeaderPolicyCollection policies)
    {
        ArgumentNullException.ThrowIfNull(policies);

        policies
            .AddDefaultApiSecurityHeaders()
            .AddCrossOriginResourcePolicy(policy => policy.SameOrigin())
            .Remove(HeaderNames.StrictTransportSecurity);
        return policies;
    }
}
