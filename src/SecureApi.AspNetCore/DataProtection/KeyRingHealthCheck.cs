using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.DataProtection;

/// <summary>
/// Reports the service unhealthy when its key ring cannot be used: every antiforgery token
/// request would fail, however well the rest of the service runs. It writes and reads back a file
/// in the key ring's folder (unless the key ring lives in a shared store) and protects and
/// unprotects a value with the key ring, at most once every <see cref="CachePeriod"/>: probes
/// come every few seconds from every orchestrator and load balancer, and anyone may send them.
/// </summary>
internal sealed class KeyRingHealthCheck(
    IOptions<KeyRingOptions> options, IHostEnvironment environment, IDataProtectionProvider dataProtection, IServiceProvider services, TimeProvider time)
    : IHealthCheck
{
    /// <summary>How long a result answers the probes that follow it.</summary>
    public static readonly TimeSpan CachePeriod = TimeSpan.FromSeconds(5);

    private const string Purpose = "SecureApi.AspNetCore.KeyRingHealthCheck";

    private readonly Lock _gate = new();
    private HealthCheckResult _result;
    private DateTimeOffset _expires = DateTimeOffset.MinValue;

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now >= _expires)
            {
                _result = Check();
                _expires = now + CachePeriod;
            }

            return Task.FromResult(_result);
        }
    }

    private HealthCheckResult Check()
    {
        if (services.GetService<SharedKeyRingStore>() is null && KeyRingPaths.Probe(KeyRingPaths.Resolve(options.Value, environment)) is { } problem)
        {
            return HealthCheckResult.Unhealthy($"The key ring's folder cannot be written: {problem}");
        }

        try
        {
            var protector = dataProtection.CreateProtector(Purpose);
            return protector.Unprotect(protector.Protect(Purpose)) == Purpose
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The key ring does not read back what it protected.");
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy("The key ring cannot protect data.", exception);
        }
    }
}
