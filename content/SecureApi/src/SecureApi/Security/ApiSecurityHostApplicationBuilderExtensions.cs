namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Registers every protection of the service, one call per concern, each bound from configuration.
/// </summary>
public static class ApiSecurityHostApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the services of the security pipeline that <c>UseApiSecurity</c> puts in front of the endpoints.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHostApplicationBuilder AddApiSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddErrorResponses();
        builder.Services.AddServerHardening();
        builder.Services.AddApiSecurityHeaders();
        builder.Services.AddApiHttps();
        builder.Services.AddApiCors();
        builder.Services.AddApiRateLimiting();
        builder.Services.AddApiDataProtection();
        builder.Services.AddApiAntiforgery();
        builder.Services.AddApiValidation();

        return builder;
    }
}
