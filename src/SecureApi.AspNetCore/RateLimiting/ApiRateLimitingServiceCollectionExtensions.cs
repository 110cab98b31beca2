using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore;
using SecureApi.AspNetCore.Configuration;
using SecureApi.AspNetCore.RateLimiting;
using SecureApi.AspNetCore.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers ASP.NET Core's rate limiter with rules from configuration.
/// </summary>
public static class ApiRateLimitingServiceCollectionExtensions
{
    /// <summary>
    /// A global limiter per client (the signed-in user, else the client address after trusted proxy
    /// headers, IPv4-mapped addresses as IPv4, IPv6 per prefix) from <c>RateLimiting:Global</c>, and
    /// the named policies of <c>RateLimiting:Policies</c> for endpoint groups, each with the
    /// algorithm it names. Exempt networks are never limited. Validated at startup, where a policy
    /// an endpoint requires and configuration lacks is refused too.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Settings in code, applied after the configuration section's and
    /// validated like them.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services, Action<ApiRateLimitingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        return services.AddConcern<RateLimitRejectionWriter, ApiRateLimitingOptions>(AddRateLimitingServices, configure);
    }

    private static void AddRateLimitingServices(IServiceCollection services)
    {
        services.AddSecurityMetrics();
        services.AddApiErrorResponses();
        services.AddOptions<ApiRateLimitingOptions>()
            .BindConfiguration(ApiRateLimitingOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) => options.ExemptNetworks = ConfigurationList.Read(
                configuration.GetSection($"{ApiRateLimitingOptions.SectionName}:{nameof(options.ExemptNetworks)}")))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiRateLimitingOptions>, ApiRateLimitingOptionsValidator>();
        services.AddSingleton<RateLimitRejectionWriter>();
        services.AddSingleton<ArgumentRateLimiter>();

        // Resolved only when a shared store is registered: one state, so an outage is logged once.
        // A factory, so that validating the services on build does not ask for a store.
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<SharedRateLimitStoreState>(
            provider, provider.GetRequiredService<SharedRateLimitStore>()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<SharedRateLimitCounter>(
            provider, provider.GetRequiredService<SharedRateLimitStore>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEndpointConfigurationCheck, RateLimitPolicyCheck>());

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<ApiRateLimitingOptions>, RateLimitRejectionWriter, IServiceProvider>((limiter, settings, rejection, provider) =>
            {
                var rules = settings.Value;
                var partitions = new RateLimitPartitions(rules);
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.OnRejected = (context, _) => rejection.WriteAsync(context);
                limiter.GlobalLimiter = provider.GetService<SharedRateLimitStore>() is null
                    ? new ClientRateLimiter(rules, partitions)
                    : LocalGlobalLimiter(rules.Global, partitions);
                AddEndpointPolicies(limiter, rules, partitions);
            });
    }

    // With a shared store, SharedRateLimitMiddleware counts the global limit unless it is a
    // concurrency limit, which holds a permit for the whole request in this instance.
    private static PartitionedRateLimiter<HttpContext>? LocalGlobalLimiter(RateLimitPolicyOptions global, RateLimitPartitions partitions)
    {
        if (ClientRateLimiter.Covers(global))
        {
            return null;
        }

        var limiters = RateLimitPartitions.LimiterFactory(global);
        return PartitionedRateLimiter.Create<HttpContext, ClientPartitionKey>(context => partitions.For(context, limiters));
    }

    // The global limiter counts the global limit and each endpoint's window or bucket policy
    // together, so those policies are no limiter of their own; concurrency policies hold a permit
    // for the whole request, which the in-box middleware does.
    private static void AddEndpointPolicies(RateLimiterOptions limiter, ApiRateLimitingOptions rules, RateLimitPartitions partitions)
    {
        foreach (var (name, policy) in rules.Policies)
        {
            if (ClientRateLimiter.Covers(policy))
            {
                // Keyed by the name: a reference type, which the middleware neither boxes per
                // request nor compiles its partitioning code for at startup, as it would for our key.
                limiter.AddPolicy(name, _ => RateLimitPartition.GetNoLimiter(name));
            }
            else
            {
                var limiters = RateLimitPartitions.LimiterFactory(policy);
                limiter.AddPolicy(name, context => partitions.For(context, limiters));
            }
        }
    }
}
