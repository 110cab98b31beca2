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
}
