using SecureApi.AspNetCore.Server;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Request-level hardening that no endpoint should have to think about.
/// </summary>
public static class ServerHardeningApplicationBuilderExtensions
{
    /// <summary>Refuses TRACE and TRACK with 405 problem+json on every route.</summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder, for chaining.</returns>
    public static IApplicationBuilder UseTraceRefusal(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        return app.UseMiddleware<TraceRefusalMiddleware>();
    }

    /// <summary>
    /// Refuses a request whose <c>Host</c> is not in the <c>AllowedHosts</c> setting with 400
    /// problem+json, security headers included, except on probe endpoints marked
    /// <c>AllowPlainHttp</c>, which answer any host. Call after routing and the security headers.
    /// <c>AddApiSecurity</c> turns the framework's own host filtering off, which answers earlier
    /// with a bare <c>text/html</c> page; composed by hand, both run.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder, for chaining.</returns>
    public static IApplicationBuilder UseAllowedHosts(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        return app.UseMiddleware<AllowedHostsMiddleware>();
    }
}
