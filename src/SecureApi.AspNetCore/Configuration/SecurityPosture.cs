using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Cors;
using SecureApi.AspNetCore.DataProtection;
using SecureApi.AspNetCore.Headers;
using SecureApi.AspNetCore.Https;
using SecureApi.AspNetCore.RateLimiting;
using SecureApi.AspNetCore.Server;

namespace SecureApi.AspNetCore.Configuration;

/// <summary>
/// The effective security settings in one line, logged when the service has validated them, so
/// that an operator sees at a glance how this deployment is configured: environment, hosts,
/// origins per policy, credentials, HTTPS and HSTS, trusted proxies, rate limits and where they
/// are counted, the key ring and whether it is encrypted at rest, and authentication. Nothing
/// secret is in it: no connection string, password or certificate, only whether one is set.
/// </summary>
internal static class SecurityPosture
{
    /// <summary>The log category of the posture line.</summary>
    public const string LogCategory = "SecureApi.AspNetCore.SecurityPosture";

    /// <summary>Describes the settings of the concerns that are registered.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="environment">The host environment.</param>
    /// <returns>The line.</returns>
    public static string Describe(IServiceProvider services, IHostEnvironment environment)
    {
        var line = new StringBuilder("environment ").Append(environment.EnvironmentName);
        var development = environment.IsDevelopment();

        if (services.GetService<IOptionsMonitor<HostFilteringOptions>>()?.Get(AllowedHostsMiddleware.OptionsName) is { } hosts)
        {
            line.Append(CultureInfo.InvariantCulture, $"; hosts {List(hosts.AllowedHosts, "*")}");
        }

        if (services.GetService<IOptionsMonitor<ApiCorsOptions>>()?.CurrentValue is { } cors)
        {
            line.Append(CultureInfo.InvariantCulture, $"; origins {Origins(cors.Default)}");
            foreach (var (name, policy) in cors.Policies)
            {
                line.Append(CultureInfo.InvariantCulture, $", {name}: {Origins(policy)}");
            }
        }

        if (services.GetService<IOptions<ApiHstsOptions>>()?.Value is { } hsts)
        {
            line.Append(development
                ? "; HTTPS not required, no HSTS (Development)"
                : string.Create(CultureInfo.InvariantCulture, $"; HTTPS required, HSTS max-age={hsts.MaxAgeSeconds}{(hsts.IncludeSubDomains ? " includeSubDomains" : string.Empty)}{(hsts.Preload ? " preload" : string.Empty)}"));
        }

        if (services.GetService<IOptions<TrustedProxiesOptions>>()?.Value is { } proxies)
        {
            var trusted = proxies.KnownProxies.Concat(proxies.KnownIPNetworks).ToList();
            line.Append(CultureInfo.InvariantCulture, $"; trusted proxies {List(trusted, "loopback only")}, forward limit {proxies.ForwardLimit}");
        }

        if (services.GetService<IOptions<ApiRateLimitingOptions>>()?.Value is { } limits)
        {
            var store = services.GetService<SharedRateLimitStore>() is { } shared
                ? $"{shared.Name}, {limits.RedisFailure.ToString().ToLowerInvariant()} while it is unreachable"
                : "in-process";
            line.Append(CultureInfo.InvariantCulture, $"; rate limits global {Quota(limits.Global)}");
            foreach (var (name, policy) in limits.Policies)
            {
                line.Append(CultureInfo.InvariantCulture, $", {name} {Quota(policy)}");
            }

            line.Append(CultureInfo.InvariantCulture, $" (counted {store})");
        }

        if (services.GetService<IOptions<KeyRingOptions>>()?.Value is { } keyRing)
        {
            var location = services.GetService<SharedKeyRingStore>() is null ? $"folder '{keyRing.KeyRingPath}'" : "shared store";
            line.Append(CultureInfo.InvariantCulture, $"; key ring in {location}, {(keyRing.Certificate.IsConfigured ? "encrypted at rest" : "not encrypted at rest")}");
        }

        var schemes = services.GetService<IAuthenticationSchemeProvider>()?.GetAllSchemesAsync().GetAwaiter().GetResult()
            .Select(scheme => scheme.Name).ToList() ?? [];
        line.Append(CultureInfo.InvariantCulture, $"; authentication {List(schemes, "none")}");
        return line.ToString();
    }

    private static string Origins(ApiCorsPolicyOptions policy) =>
        policy.AllowedOrigins.Count == 0 ? "none" : $"{List(policy.AllowedOrigins, "none")}{(policy.AllowCredentials ? " with credentials" : string.Empty)}";

    private static string Quota(RateLimitPolicyOptions policy) => policy.Algorithm switch
    {
        RateLimitAlgorithm.Concurrency => $"{policy.PermitLimit} at once",
        RateLimitAlgorithm.TokenBucket => $"{policy.PermitLimit} then {policy.TokensPerPeriod}/{policy.ReplenishmentPeriodSeconds}s",
        _ => $"{policy.PermitLimit}/{policy.WindowSeconds}s",
    };

    private static string List(IEnumerable<string> values, string none)
    {
        var list = string.Join(' ', values);
        return list.Length == 0 ? none : list;
    }
}
