using SecureApi.AspNetCore;
using SecureApi.AspNetCore.RateLimiting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Applies the rate limiter to requests.
/// </summary>
public static class ApiRateLimitingApplicationBuilderExtensions
{
    /// <summary>
    /// Adds ASP.NET Core's rate limiting middleware. Call it after routing (for endpoint policies),
    /// after the trusted proxy headers (for the client address) and after CORS (so that a browser
    /// can read the 429).
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder, for chaining.</returns>
    public static IApplicationBuilder UseApiRateLimiting(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.EnsureAdded<RateLimitRejectionWriter>("services.AddApiRateLimiting()");

        app.UseRateLimiter();

        // Limits shared with other instances, counted once this instance's own have let the request in.
        // Asked without resolving: the store's settings are not validated yet.
        if (app.ApplicationServices.GetService<IServiceProviderIsService>()?.IsService(typeof(SharedRateLimitStore)) == true)
        {
            app.UseMiddleware<SharedRateLimitMiddleware>();
        }

        return app;
    }
}
