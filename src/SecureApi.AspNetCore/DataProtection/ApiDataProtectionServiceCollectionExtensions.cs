using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore;
using SecureApi.AspNetCore.Configuration;
using SecureApi.AspNetCore.DataProtection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the Data Protection key ring that antiforgery tokens are encrypted with.
/// </summary>
public static class ApiDataProtectionServiceCollectionExtensions
{
    /// <summary>
    /// Persists the key ring to the folder <c>DataProtection:KeyRingPath</c> under an explicit
    /// application name. Startup refuses a folder that cannot be written and read back, and the
    /// <c>key-ring</c> health check reports the service unhealthy when the key ring stops being
    /// usable. With <c>DataProtection:Certificate</c> the keys are encrypted at rest with that
    /// certificate. To share the key ring between instances, add the companion package
    /// <c>SecureApi.AspNetCore.Redis</c> (<c>AddApiSecurityRedis()</c>), which moves it to Redis.
    /// In Production a key ring that is unencrypted, or kept in a folder of the instance, is
    /// reported at startup with the setting that fixes it.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Settings in code, applied after the configuration section's and
    /// validated like them.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddApiDataProtection(this IServiceCollection services, Action<KeyRingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        return services.AddConcern<IValidateOptions<KeyRingOptions>, KeyRingOptions>(AddKeyRingServices, configure);
    }

    private static void AddKeyRingServices(IServiceCollection services)
    {
        services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyRingOptionsValidator>();

        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KeyRingHealthCheck>();
        services.AddHealthChecks().AddCheck<KeyRingHealthCheck>("key-ring");
        services.AddOptions<DataProtectionOptions>()
            .Configure<IServiceProvider, IHostEnvironment>((dataProtection, provider, environment) =>
                dataProtection.ApplicationDiscriminator = SettingsBeforeValidation.Read<KeyRingOptions>(provider)?.ApplicationName is { } name
                    && !string.IsNullOrWhiteSpace(name)
                    ? name
                    : environment.ApplicationName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeploymentCheck, KeyRingDeploymentCheck>());
        services.AddOptions<KeyManagementOptions>()
            .Configure<IHostEnvironment, ILoggerFactory, IServiceProvider>((keyManagement, environment, loggers, provider) =>
            {
                // The host builds Data Protection before its startup validation, which refuses bad
                // settings before any key is read or written.
                if (SettingsBeforeValidation.TryRead<KeyRingOptions>(provider) is not { } keyRing)
                {
                    return;
                }

                if (provider.GetService<SharedKeyRingStore>() is null)
                {
                    keyManagement.XmlRepository = new FileSystemXmlRepository(
                        new DirectoryInfo(KeyRingPaths.Resolve(keyRing, environment)), loggers);
                }

            });
    }
}
