using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using SecureApi.AspNetCore;
using SecureApi.AspNetCore.Authentication;
using SecureApi.AspNetCore.Server;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Composes the security middleware in the order a request flows through it.
/// </summary>
public static class ApiSecurityApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the security pipeline, routing included. Call it before any endpoint is mapped, so
    /// that every response (errors included) goes through it. Middleware added before it runs
    /// before routing and every protection (a path base, request logging); middleware added after
    /// it runs once every protection has let the request through, just before its endpoint
    /// (output caching, response compression).
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>AddApiSecurity</c> was not called.</exception>
    public static IApplicationBuilder UseApiSecurity(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.EnsureAdded<ApiSecurityMarker>("builder.AddApiSecurity()");

        // Before the rest, so that a failure anywhere below still becomes a problem+json response.
        app.UseApiErrorResponses();

        // Scheme and client address as the trusted proxy saw them, before anything reads them.
        app.UseApiForwardedHeaders();

        // Explicit, so that what follows knows the endpoint and its metadata.
        app.UseRouting();

        // Before anything that can answer, so that every response carries the headers.
        app.UseApiSecurityHeaders();

        app.UseApiTraceRefusal();

        // In place of the framework's host filtering, which answered before any of this.
        app.UseApiHostFiltering();
        app.UseApiHttpsRequirement();

        // Cross-origin requests: denied origins may read nothing and change nothing.
        app.UseApiCors();

        // Who the caller is, when the service authenticates: the limiter counts per user, and a
        // request that a bearer token alone authenticates needs no antiforgery token.
        // Asked without resolving: resolving would validate the scheme's settings before
        // the startup validation can report them.
        var services = app.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
        var authenticates = services.IsService(typeof(IAuthenticationSchemeProvider));
        if (authenticates)
        {
            app.UseAuthentication();
            app.UseMiddleware<AuthenticationRefusalMiddleware>();
        }

        // Limits:RequestTimeoutSeconds, from here on: a wait in a rate limiter's queue counts too.
        app.UseRequestTimeouts();

        // Per client; after CORS, so that a browser on an allowed origin can read the 429.
        app.UseApiRateLimiting();

        // 401 and 403 before any write is checked further; problem+json through the status code pages.
        if (authenticates && services.IsService(typeof(IAuthorizationHandlerProvider)))
        {
            app.UseAuthorization();
        }

        // State-changing requests must prove they come from our own front end.
        app.UseApiAntiforgery();

        // Bodies the endpoints could not read, refused before binding.
        app.UseApiValidation();

        // An endpoint that ran past its timeout is answered 408 here, its headers kept.
        app.UseMiddleware<RequestTimeoutMiddleware>();

        return app;
    }
}
