using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.DataProtection;

/// <summary>
/// Reports the service unhealthy when its key ring cannot be used: every antiforgery token
/// request would fail, however well the rest of the service runs. It writes and reads back a file
/// in the key ring's folder (unless the key ring lives in a shared store) and protects and
/// unprotects a value with the key ring.
/// </summary>
internal sealed class KeyRingHealthCheck(
    IOptions<KeyRingOptions> options, IHostEnvironment environment, IDataProtectionProvider dataProtection, IServiceProvider services)
    : IHealthCheck
{
    private const string Purpose = "SecureApi.AspNetCore.KeyRingHealthCheck";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<SharedKeyRingStore>() is null && KeyRingPaths.Probe(KeyRingPaths.Resolve(options.Value, environment)) is { } problem)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The key ring's folder cannot be written: {problem}"));
        }

        try
        {
            var protector = dataProtection.CreateProtector(Purpose);
            return Task.FromResult(protector.Unprotect(protector.Protect(Purpose)) == Purpose
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The key ring does not read back what it protected."));
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The key ring cannot protect data.", exception));
        }
    }
}
