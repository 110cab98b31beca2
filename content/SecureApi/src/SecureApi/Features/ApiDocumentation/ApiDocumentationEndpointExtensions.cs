namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Serves the OpenAPI document of the service, in Development only.
/// </summary>
public static class ApiDocumentationEndpointExtensions
{
    /// <summary>The route of the OpenAPI document.</summary>
    public const string Route = "/openapi/v1.json";

    /// <summary>
    /// Maps <c>GET /openapi/v1.json</c> in Development. Outside Development the document is not
    /// served: it would map the service's attack surface for anyone who asks.
    /// </summary>
    /// <param name="app">The web application.</param>
    /// <returns>The same application, for chaining.</returns>
    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi(Route);
        }

        return app;
    }
}
