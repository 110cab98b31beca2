using SecureApi.AspNetCore;
using SecureApi.AspNetCore.Headers;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Adds the security headers to every response.
/// </summary>
public static class ApiSecurityHeadersApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the middleware that writes the security headers, and <c>Cache-Control: no-store</c>
    /// unless the endpoint sets caching of its own. Call it after routing (so that an endpoint's
    /// named policy is known) and before anything that can answer.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder, for chaining.</returns>
    public static IApplicationBuilder UseApiSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.EnsureAdded<SecurityHeadersWriter>("services.AddApiSecurityHeaders()");

        return app.UseMiddleware<SecurityHeadersMiddleware>();
    }

    /// <summary>
    /// Selects a named security header policy, registered with
    /// <see cref="ApiSecurityHeadersOptions.AddPolicy"/>, for these endpoints.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoints.</param>
    /// <param name="policyName">The policy's name.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static TBuilder WithHeaderPolicy<TBuilder>(this TBuilder builder, string policyName)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrEmpty(policyName);

        return builder.WithMetadata(new HeaderPolicyMetadata(policyName));
    }
}
