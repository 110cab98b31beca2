namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the health checks behind <c>GET /health</c>.
/// </summary>
public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Adds the health check services. Add checks for the service's own dependencies to the
    /// returned builder; the probe reports their combined status.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The health checks builder.</returns>
    public static IHealthChecksBuilder AddHealthEndpoints(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        return services.AddHealthChecks();
    }
}
