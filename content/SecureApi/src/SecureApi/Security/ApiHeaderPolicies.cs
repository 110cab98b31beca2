namespace SecureApi.Security;

/// <summary>
/// This service's security headers: the one place to read, and to relax, what every response
/// tells browsers. The mechanism (precomputed headers on every response, errors included, and
/// HSTS from the <c>Hsts</c> section) comes from the package; the policies are yours.
/// </summary>
internal static class ApiHeaderPolicies
{
    /// <summary>The policy of the API reference page (Development only): a page that runs its own scripts.</summary>
    public const string ApiReference = "ApiReference";

    /// <summary>
    /// Sets the default policy, API-strict: a JSON API renders nothing, so nothing may be loaded,
    /// framed, sniffed or referred, and cross-origin reads go through CORS only.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddApiHeaderPolicies(this IServiceCollection services) =>
        services.AddApiSecurityHeaders(headers =>
        {
            headers.DefaultPolicy = new HeaderPolicyCollection().AddApiStrictSecurityHeaders();

            // Relaxed for one endpoint, selected there with WithHeaderPolicy, never globally: the
            // API reference page loads its scripts and styles from this service and configures
            // itself inline, and calls this service only. Add your own named policies the same way.
            headers.AddPolicy(ApiReference, new HeaderPolicyCollection()
                .AddApiStrictSecurityHeaders()
                .AddContentSecurityPolicy(csp =>
                {
                    csp.AddDefaultSrc().None();
                    csp.AddScriptSrc().Self().UnsafeInline();
                    csp.AddStyleSrc().Self().UnsafeInline();
                    csp.AddImgSrc().Self().Data();
                    csp.AddFontSrc().Self();
                    csp.AddConnectSrc().Self();
                    csp.AddBaseUri().None();
                    csp.AddFormAction().None();
                    csp.AddFrameAncestors().None();
                }));
        });
}
