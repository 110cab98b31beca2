using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecureApi.Features.Health;

/// <summary>
/// Writes a health report as JSON carrying only the overall status: which checks ran and why
/// one failed is for the logs, not for anyone who can reach the probe.
/// </summary>
internal static class HealthResponseWriter
{
    /// <summary>Writes <c>{"status":"Healthy"}</c> (or Degraded, Unhealthy).</summary>
    /// <param name="context">The HTTP context of the probe request.</param>
    /// <param name="report">The health report.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new HealthResponse(report.Status.ToString()));
}

/// <summary>The body of a health probe's response.</summary>
/// <param name="Status">Healthy, Degraded or Unhealthy.</param>
internal sealed record HealthResponse(string Status);
