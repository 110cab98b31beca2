using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Configuration;
using SecureApi.AspNetCore.Server;
using SecureApi.AspNetCore;
using SecureApi.AspNetCore.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Hardens Kestrel: request limits and the request timeout from configuration, and no
/// <c>Server</c> header.
/// </summary>
public static class ServerHardeningServiceCollectionExtensions
{
    /// <summary>
    /// Binds the <c>Limits</c> section, validates it at startup, applies it to Kestrel and to
    /// ASP.NET Core's request timeouts (408 problem+json), and turns off Kestrel's
    /// <c>Server: Kestrel</c> header, which only helps fingerprinting.
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
        services.AddSecurityMetrics();
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RequestLimitsOptions>, RequestLimitsOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeploymentCheck, AllowedHostsDeploymentCheck>());

        services.AddOptions<KestrelServerOptions>()
            .Configure<IEnumerable<IConfigureOptions<RequestLimitsOptions>>>((kestrel, setups) =>
            {
                kestrel.AddServerHeader = false;

                // Read without validation: Kestrel is built before HasValidConfiguration runs, and a
                // throw here would crash the host instead of refusing the setting in one log line.
                // An invalid limit is left at Kestrel's default until then; the service never listens.
                if (UnvalidatedLimits(setups) is not { } limits)
                {
                    return;
                }

                if (limits.MaxRequestBodyBytes > 0)
                {
                    kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
                }

                if (limits.MaxRequestHeadersTotalBytes > 0)
                {
                    kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalBytes;
                }

                if (limits.MaxRequestHeaderCount > 0)
                {
                    kestrel.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
                }

                if (limits.MaxConcurrentConnections > 0)
                {
                    kestrel.Limits.MaxConcurrentConnections = limits.MaxConcurrentConnections;
                }
            });

        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>()
            .Configure<IOptions<RequestLimitsOptions>, IServiceProvider>((timeouts, limits, provider) => timeouts.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = TimeSpan.FromSeconds(limits.Value.RequestTimeoutSeconds),
                TimeoutStatusCode = StatusCodes.Status408RequestTimeout,
                WriteTimeoutResponse = context => RequestTimeoutProblem.WriteAsync(context, provider),
            });
    }

    private static RequestLimitsOptions? UnvalidatedLimits(IEnumerable<IConfigureOptions<RequestLimitsOptions>> setups)
    {
        var limits = new RequestLimitsOptions();
        try
        {
            foreach (var setup in setups)
            {
                if (setup is IConfigureNamedOptions<RequestLimitsOptions> named)
                {
                    named.Configure(Options.Options.DefaultName, limits);
                }
                else
                {
                    setup.Configure(limits);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // A value that does not bind ("abc"); the startup validation names it.
            return null;
        }

        return limits;
    }
}
