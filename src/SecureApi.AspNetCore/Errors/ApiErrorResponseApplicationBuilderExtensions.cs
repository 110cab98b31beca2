using SecureApi.AspNetCore.Errors;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Turns every error, thrown or returned, into an RFC 9457 <c>application/problem+json</c> response.
/// </summary>
public static class ApiErrorResponseApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the exception handler (outside Development, where the developer exception page shows
    /// the details instead) and status code pages for error responses that have no body yet, such
    /// as 404 for an unknown route or 405 for a method the route does not serve.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder, for chaining.</returns>
    public static IApplicationBuilder UseApiErrorResponses(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        if (!app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            // Writes a problem+json 500 with a traceId and no exception type, message or stack trace.
            app.UseExceptionHandler();
        }

        app.UseMiddleware<StatusProblemMiddleware>();

        return app;
    }
}
