using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SecureApi.AspNetCore.Diagnostics;

/// <summary>Registers the counters each concern that counts shares.</summary>
internal static class SecurityMetricsRegistration
{
    /// <summary>Adds <see cref="SecurityMetrics"/>, the meter factory it needs and the audit trail, once.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddSecurityMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<SecurityMetrics>();
        services.TryAddSingleton<Audit.AuditTrail>();
        return services;
    }
}
