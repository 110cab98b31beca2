using SecureApi.AspNetCore.Server;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Request-level hardening that no endpoint should have to think about.
/// </summary>
public static class ApiServerHardeningApplicationBuilderExtensions
{
    /// <summary>Refuses TRACE and TRACK with 405 problem+json on every route.</summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder, for chaining.</returns>
    public static IApplicationBuilder UseApiTraceRefusal(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        return app.UseMiddleware<TraceRefusalMiddleware>();
    }

    /// <summary>
    /// Refuses a request whose <c>Host</c> is not in the <c>AllowedHosts</c> setting with 400
    /// problem+json, security headers included, except on probe endpoints marked
    /// <c>AllowPlainHttp</c>, which answer any host. Call after routing and the security headers.
    /// <c>AddApiServerHardening</c> has the framework's own host filtering, which answers before
    /// any middleware with a bare page, let every host through to this one.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder, for chaining.</returns>
    public static IApplicationBuilder UseApiHostFiltering(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        return app.UseMiddleware<AllowedHostsMiddleware>();
    }
}
