using Microsoft.AspNetCore.Cors.Infrastructure;
using SecureApi.AspNetCore;
using SecureApi.AspNetCore.Cors;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Applies the CORS allowlist to requests. An endpoint selects a named policy
/// (<c>Cors:Policies:&lt;Name&gt;</c>) with the framework's own <c>RequireCors("Name")</c> or
/// <c>[EnableCors("Name")]</c>.
/// </summary>
public static class ApiCorsApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the CORS middleware. Call it after routing, so that an endpoint's named policy is
    /// known, and before anything that acts on a request.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>AddApiCors</c> was not called.</exception>
    public static IApplicationBuilder UseApiCors(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.EnsureAdded<CorsPolicyCatalog>("services.AddApiCors()");

        app.UseMiddleware<CorsAllowlistMiddleware>();

        // With no policy of its own to apply: it tells endpoint routing that an endpoint's CORS
        // metadata was handled. Only there, since it creates the request's Items to say so.
        return app.UseWhen(HasCorsMetadata, branch => branch.UseCors());
    }

    private static bool HasCorsMetadata(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<ICorsMetadata>() is not null;
}
