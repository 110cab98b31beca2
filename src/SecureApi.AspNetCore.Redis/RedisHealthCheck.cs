using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecureApi.AspNetCore.Redis;

/// <summary>
/// Degraded while Redis is unreachable: the service still serves (rate limits per instance, or
/// 503 for counted requests when they fail closed; the key ring from memory), so it should stay in
/// rotation, but its operator should know.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connection.IsConnected
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("Redis is unreachable: rate limits are not shared and the key ring is not refreshed."));
}
