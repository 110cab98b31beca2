using SecureApi.AspNetCore;
using SecureApi.AspNetCore.Cors;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Applies the CORS allowlist to requests, and named policies to endpoints.
/// </summary>
public static class CorsAllowlistApplicationBuilderExtensions
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
        app.ApplicationServices.EnsureAdded<CorsPolicyCatalog>("services.AddApiCors()");

        return app.UseMiddleware<CorsAllowlistMiddleware>();
    }

    /// <summary>
    /// Applies the named policy (<c>Cors:Policies:&lt;Name&gt;</c>) to these endpoints instead of the
    /// default one.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoints.</param>
    /// <param name="policyName">The policy's name.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static TBuilder RequireCorsPolicy<TBuilder>(this TBuilder builder, string policyName)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrEmpty(policyName);

        builder.Add(endpoint =>
        {
            endpoint.Metadata.Add(new CorsPolicyMetadata(policyName));

            // Let routing send preflights for the endpoint's methods to the endpoint, so that they
            // meet its policy rather than the default one.
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault() is { AcceptCorsPreflight: false } methods)
            {
                endpoint.Metadata.Add(new HttpMethodMetadata(methods.HttpMethods, acceptCorsPreflight: true));
            }
        });
        return builder;
    }
}
