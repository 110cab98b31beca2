using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore;
using SecureApi.AspNetCore.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Hardens Kestrel: request limits from configuration and no <c>Server</c> header.
/// </summary>
public static class ServerHardeningServiceCollectionExtensions
{
    /// <summary>
    /// Binds the <c>Limits</c> section, validates it at startup, applies it to Kestrel and turns
    /// off Kestrel's <c>Server: Kestrel</c> header, which only helps fingerprinting.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Settings in code, applied after the configuration section's and
    /// validated like them.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddServerHardening(this IServiceCollection services, Action<RequestLimitsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        return services.AddConcern<IValidateOptions<RequestLimitsOptions>, RequestLimitsOptions>(AddServerHardeningServices, configure);
    }

    private static void AddServerHardeningServices(IServiceCollection services)
    {
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RequestLimitsOptions>, RequestLimitsOptionsValidator>();

        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
                kestrel.Limits.MaxRequestHeadersTotalSize = limits.Value.MaxRequestHeadersTotalBytes;
                kestrel.Limits.MaxRequestHeaderCount = limits.Value.MaxRequestHeaderCount;
            });
    }
}
