using Microsoft.Extensions.Options;
using SecureApi.Security.Headers;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the security headers every response carries.
/// </summary>
public static class SecurityHeadersServiceCollectionExtensions
{
    /// <summary>
    /// Adds the API-strict header policy (<see cref="ApiHeaderPolicies.Api"/>) and HSTS, bound
    /// from the <c>Hsts</c> configuration section and validated at startup.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Registers named policies, or replaces the default one.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddApiSecurityHeaders(
        this IServiceCollection services,
        Action<SecurityHeadersOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var policies = services.AddOptions<SecurityHeadersOptions>();
        if (configure is not null)
        {
            policies.Configure(configure);
        }

        services.AddOptions<HstsOptions>().BindConfiguration(HstsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HstsOptions>, HstsOptionsValidator>();
        services.AddSingleton<SecurityHeadersWriter>();
        services.AddExceptionHandler<SecurityHeadersExceptionHandler>();

        return services;
    }
}
