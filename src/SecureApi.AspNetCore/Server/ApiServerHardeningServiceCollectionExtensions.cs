using Microsoft.AspNetCore.HostFiltering;
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
public static class ApiServerHardeningServiceCollectionExtensions
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
    public static IServiceCollection AddApiServerHardening(this IServiceCollection services, Action<RequestLimitsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        return services.AddConcern<IValidateOptions<RequestLimitsOptions>, RequestLimitsOptions>(AddServerHardeningServices, configure);
    }

    private static void AddServerHardeningServices(IServiceCollection services)
    {
        services.AddSecurityMetrics();
        services.AddApiErrorResponses();
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RequestLimitsOptions>, RequestLimitsOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeploymentCheck, AllowedHostsDeploymentCheck>());
        AddAllowedHosts(services);

        services.AddOptions<KestrelServerOptions>()
            .Configure<IServiceProvider>((kestrel, provider) =>
            {
                kestrel.AddServerHeader = false;
                kestrel.ConfigureHttpsDefaults(TlsSettings.Apply);

                // Read without validation: Kestrel may be built before the startup validation runs, and a
                // throw here would crash the host instead of refusing the setting in one log line.
                // An invalid limit is left at Kestrel's default until then; the service never listens.
                if (SettingsBeforeValidation.TryRead<RequestLimitsOptions>(provider) is not { } limits)
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

    // The framework's host filtering answers before every middleware, with a bare page and none of
    // the security headers. It is left to let every host through, and UseApiHostFiltering applies
    // the same AllowedHosts setting, read the framework's way, after the headers, as problem+json.
    private static void AddAllowedHosts(IServiceCollection services)
    {
        services.AddOptions<HostFilteringOptions>(AllowedHostsMiddleware.OptionsName)
            .Configure<IConfiguration>((hosts, configuration) =>
                hosts.AllowedHosts = configuration[AllowedHostsMiddleware.SettingName]?.Split(';', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } names
                    ? names
                    : ["*"]);
        services.AddSingleton<IOptionsChangeTokenSource<HostFilteringOptions>>(provider =>
            new ConfigurationChangeTokenSource<HostFilteringOptions>(AllowedHostsMiddleware.OptionsName, provider.GetRequiredService<IConfiguration>()));
        services.PostConfigure<HostFilteringOptions>(framework => framework.AllowedHosts = ["*"]);
    }
}
