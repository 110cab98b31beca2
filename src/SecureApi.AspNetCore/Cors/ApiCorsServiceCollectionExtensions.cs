using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Configuration;
using SecureApi.AspNetCore.Cors;
using SecureApi.AspNetCore;
using SecureApi.AspNetCore.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the environment-driven CORS allowlist.
/// </summary>
public static class ApiCorsServiceCollectionExtensions
{
    /// <summary>
    /// Reads the <c>Cors</c> section (a default policy and named ones under <c>Cors:Policies</c>),
    /// validates it at startup and follows its reloads. The origins come from configuration unless
    /// an <see cref="IOriginAllowlist"/> of your own is registered before this call.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Settings in code, applied after the configuration section's (and
    /// again on each of its reloads), validated like them.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddApiCors(this IServiceCollection services, Action<ApiCorsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        return services.AddConcern<CorsPolicyCatalog, ApiCorsOptions>(AddCorsServices, configure);
    }

    private static void AddCorsServices(IServiceCollection services)
    {
        services.AddSecurityMetrics();
        services.AddApiErrorResponses();
        services.AddSingleton<IConfigureOptions<ApiCorsOptions>, ApiCorsOptionsSetup>();
        services.AddSingleton<IOptionsChangeTokenSource<ApiCorsOptions>>(provider =>
            new ConfigurationChangeTokenSource<ApiCorsOptions>(
                provider.GetRequiredService<IConfiguration>().GetSection(ApiCorsOptions.SectionName)));
        services.AddSingleton<IValidateOptions<ApiCorsOptions>, ApiCorsOptionsValidator>();
        services.AddOptions<ApiCorsOptions>(ApiCorsOptionsValidator.StartupInstance).ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CorsPolicyCatalog>();
        services.TryAddSingleton<IOriginAllowlist>(provider => provider.GetRequiredService<CorsPolicyCatalog>());
        services.AddSingleton<BlockedOriginLog>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeploymentCheck, CorsDeploymentCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEndpointConfigurationCheck, CorsPolicyCheck>());
        services.AddCors();
        services.Replace(ServiceDescriptor.Singleton<ICorsPolicyProvider, NoFrameworkCorsPolicies>());
    }
}
