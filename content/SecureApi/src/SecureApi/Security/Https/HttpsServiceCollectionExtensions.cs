using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using SecureApi.Security;
using SecureApi.Security.Https;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers which proxies may tell the service a request's scheme and client address.
/// </summary>
public static class HttpsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>ForwardedHeaders:KnownProxies</c> and <c>ForwardedHeaders:KnownIPNetworks</c>
    /// (arrays or one comma-separated string), validates them at startup, and configures the
    /// forwarded headers middleware to believe <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
    /// from those proxies only.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddApiHttps(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<TrustedProxiesOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                var section = configuration.GetSection(TrustedProxiesOptions.SectionName);
                options.KnownProxies = ConfigurationList.Read(section.GetSection(nameof(options.KnownProxies)));
                options.KnownIPNetworks = ConfigurationList.Read(section.GetSection(nameof(options.KnownIPNetworks)));
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustedProxiesOptions>, TrustedProxiesOptionsValidator>();

        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<TrustedProxiesOptions>>((options, trusted) =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                var proxies = trusted.Value;
                if (proxies.KnownProxies.Count == 0 && proxies.KnownIPNetworks.Count == 0)
                {
                    return; // the framework's defaults: loopback only
                }

                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var proxy in proxies.KnownProxies)
                {
                    options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
                }

                foreach (var network in proxies.KnownIPNetworks)
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            });

        return services;
    }
}
