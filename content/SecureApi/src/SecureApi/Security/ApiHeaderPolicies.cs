namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// This service's security headers: the one place to read, and to relax, what every response
/// tells browsers. The mechanism (precomputed headers on every response, errors included, and
/// HSTS from the <c>Hsts</c> section) comes from the package; the policies are yours.
/// </summary>
internal static class ApiHeaderPolicies
{
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

            // To relax the policy for one endpoint (an OpenAPI UI page in Development, say), add a
            // named policy here and select it on that endpoint only, never globally:
            //     headers.AddPolicy("ApiReference", new HeaderPolicyCollection()
            //         .AddApiStrictSecurityHeaders()
            //         .AddContentSecurityPolicy(csp => { /* what the page needs */ }));
            //     app.MapScalarApiReference().WithHeaderPolicy("ApiReference");
        });
}
