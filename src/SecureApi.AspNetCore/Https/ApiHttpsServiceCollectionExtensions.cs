using Microsoft.Extensions.Options;
using SecureApi.AspNetCore;
using SecureApi.AspNetCore.Configuration;
using SecureApi.AspNetCore.Https;
using SecureApi.AspNetCore.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers which proxies may tell the service a request's scheme and client address.
/// </summary>
public static class ApiHttpsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>ForwardedHeaders:KnownProxies</c> and <c>ForwardedHeaders:KnownIPNetworks</c>
    /// (arrays or one comma-separated string) and <c>ForwardedHeaders:ForwardLimit</c>, and
    /// validates them at startup: only those proxies are believed on <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c>, through at most that many hops.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Settings in code, applied after the configuration section's and
    /// validated like them.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddApiHttps(this IServiceCollection services, Action<TrustedProxiesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        return services.AddConcern<TrustedProxies, TrustedProxiesOptions>(AddHttpsServices, configure);
    }

    private static void AddHttpsServices(IServiceCollection services)
    {
        services.AddSecurityMetrics();
        services.AddApiErrorResponses();
        services.AddOptions<TrustedProxiesOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                var section = configuration.GetSection(TrustedProxiesOptions.SectionName);
                options.KnownProxies = ConfigurationList.Read(section.GetSection(nameof(options.KnownProxies)));
                options.KnownIPNetworks = ConfigurationList.Read(section.GetSection(nameof(options.KnownIPNetworks)));
                options.ForwardLimit = section.GetValue(nameof(options.ForwardLimit), options.ForwardLimit);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustedProxiesOptions>, TrustedProxiesOptionsValidator>();

        services.AddSingleton<TrustedProxies>();
        services.AddSingleton<UntrustedProxyWarning>();
    }
}
