using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Configuration;
using SecureApi.AspNetCore.Headers;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the security headers every response carries.
/// </summary>
public static class ApiSecurityHeadersServiceCollectionExtensions
{
    /// <summary>
    /// Adds the security headers of every response, API-strict by default
    /// (<see cref="ApiStrictHeaderPolicyCollectionExtensions.AddApiStrictSecurityHeaders"/>), and HSTS, bound
    /// from the <c>Hsts</c> configuration section and validated at startup. It may be called
    /// again after <c>AddApiSecurity</c> to set the application's own policies.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Registers named policies, or replaces the default one.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddApiSecurityHeaders(
        this IServiceCollection services,
        Action<ApiSecurityHeadersOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var policies = services.AddOptions<ApiSecurityHeadersOptions>();
        if (configure is not null)
        {
            policies.Configure(configure);
        }

        services.AddOptions<ApiHstsOptions>().BindConfiguration(ApiHstsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiHstsOptions>, ApiHstsOptionsValidator>());
        services.TryAddSingleton<SecurityHeadersWriter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEndpointConfigurationCheck, HeaderPolicyCheck>());
        services.AddExceptionHandler<SecurityHeadersExceptionHandler>();
        ReportingStartupValidator.Decorate(services);

        return services;
    }
}
