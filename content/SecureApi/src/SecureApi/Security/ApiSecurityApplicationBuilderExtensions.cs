namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Composes the security middleware in the order a request flows through it.
/// </summary>
public static class ApiSecurityApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the security pipeline. Call it first, before any endpoint is mapped, so that every
    /// response (errors included) goes through it.
    /// </summary>
    /// <param name="app">The web application.</param>
    /// <returns>The same application, for chaining.</returns>
    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Outermost, so that a failure anywhere below still becomes a problem+json response.
        app.UseErrorResponses();

        return app;
    }
}
