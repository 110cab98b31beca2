using SecureApi.AspNetCore.Validation;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Refuses request bodies the endpoints could not read before they are bound.
/// </summary>
public static class ApiValidationApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the checks that run before binding: a JSON body declared in any charset but UTF-8 is
    /// a 415 problem. Everything else about a body is checked when it is bound (see
    /// <c>AddApiValidation</c>), and a failure there is answered as a 4xx problem in every
    /// environment, and by the endpoints' validators (<c>WithFluentValidation</c>).
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder, for chaining.</returns>
    public static IApplicationBuilder UseApiValidation(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        return app.UseMiddleware<BadRequestMiddleware>().UseMiddleware<JsonCharsetMiddleware>();
    }
}
