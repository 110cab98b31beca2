using SecureApi.AspNetCore;
using SecureApi.AspNetCore.Https;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// HTTPS enforcement for an API: trusted forwarded headers, and refusal (not redirection) of
/// plain HTTP outside Development.
/// </summary>
public static class ApiHttpsApplicationBuilderExtensions
{
    /// <summary>
    /// Takes the client's scheme and address from <c>X-Forwarded-Proto</c> and
    /// <c>X-Forwarded-For</c>, from trusted proxies only (<c>ForwardedHeaders</c> section). Call it
    /// before anything that reads the scheme or the client address.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder, for chaining.</returns>
    public static IApplicationBuilder UseApiForwardedHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.EnsureAdded<TrustedProxies>("services.AddApiHttps()");

        return app.UseMiddleware<TrustedProxyHeadersMiddleware>();
    }

    /// <summary>
    /// Refuses plain-HTTP requests with 400 problem+json outside Development, except on endpoints
    /// marked <see cref="AllowPlainHttp{TBuilder}"/>. Call after routing, so that the endpoint is known.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder, for chaining.</returns>
    public static IApplicationBuilder UseApiHttpsRequirement(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        if (!app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            app.UseMiddleware<HttpsRequirementMiddleware>();
        }

        return app;
    }

    /// <summary>
    /// Marks these endpoints as probes: they answer over plain HTTP too (orchestrators' probes
    /// rarely speak TLS) and to any <c>Host</c> (they probe by address). Never for endpoints that
    /// take credentials or change state.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoints.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static TBuilder AllowPlainHttp<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AllowPlainHttpMetadata.Instance);
}
