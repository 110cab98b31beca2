using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace SecureApi.Features.Health;

/// <summary>
/// Maps <c>GET /health</c>, the probe that orchestrators and load balancers call.
/// </summary>
public static class HealthEndpointExtensions
{
    /// <summary>The route of the health probe.</summary>
    public const string Route = "/health";

    /// <summary>
    /// Maps the health probe for GET and HEAD, over plain HTTP too (probes rarely speak TLS) and
    /// never rate limited (a throttled probe would take a healthy instance out of rotation). It
    /// answers 200 with <c>{"status":"Healthy"}</c> (503 when a check fails) and says nothing else
    /// about the service's internals. Anonymous callers are allowed: probes carry no credentials.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>A builder to add conventions to the health endpoint.</returns>
    public static IEndpointConventionBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        return endpoints
            .MapHealthChecks(Route, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .AllowPlainHttp()
            .AllowAnonymous()
            .DisableRateLimiting();
    }
}
