using Scalar.AspNetCore;
using SecureApi.Security;

namespace SecureApi.Features.ApiDocumentation;

/// <summary>
/// Serves the OpenAPI document of the service and an API reference over it, in Development only.
/// </summary>
public static class ApiDocumentationEndpointExtensions
{
    /// <summary>The route of the OpenAPI document.</summary>
    public const string Route = "/openapi/v1.json";

    /// <summary>The route of the API reference page.</summary>
    public const string ReferenceRoute = "/scalar/v1";

    /// <summary>
    /// Maps <c>GET /openapi/v1.json</c> and the Scalar API reference at <c>/scalar/v1</c> in
    /// Development. Outside Development neither is served: they would map the service's attack
    /// surface for anyone who asks. The page calls nothing but this service: no web fonts,
    /// telemetry or assistant from elsewhere, and its own header policy allows no more.
    /// </summary>
    /// <param name="app">The web application.</param>
    /// <returns>The same application, for chaining.</returns>
    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi(Route).AllowAnonymous();
            app.MapScalarApiReference(reference => reference
                    .WithTitle("SecureApi")
                    .DisableDefaultFonts()
                    .DisableTelemetry()
                    .DisableAgent())
                .AllowAnonymous()
                .WithHeaderPolicy(ApiHeaderPolicies.ApiReference);
        }

        return app;
    }
}
