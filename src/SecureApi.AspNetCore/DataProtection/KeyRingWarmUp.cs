using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SecureApi.AspNetCore.DataProtection;

/// <summary>
/// Loads the key ring once the server listens, on the thread pool, in place of Data Protection's
/// own hosted service, which loads it before the server starts. The key ring is still loaded
/// before the first token is likely asked for, but no request waits for it: a <c>GET</c> needs no
/// key, and a service that starts on every deploy and scale-out answers sooner.
/// </summary>
internal sealed class KeyRingWarmUp(IKeyRingProvider keyRings) : IHostedLifecycleService
{
    // The in-box service this replaces, internal to Data Protection, registered by AddDataProtection.
    private const string InBoxWarmUp = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>Replaces Data Protection's hosted service with this one.</summary>
    /// <param name="services">The services, after <c>AddDataProtection()</c>.</param>
    public static void ReplaceInBoxWarmUp(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationType?.FullName == InBoxWarmUp)
            {
                services.RemoveAt(i);
            }
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KeyRingWarmUp>());
    }

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(Load, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Load()
    {
        try
        {
            keyRings.GetCurrentKeyRing();
        }
        catch (Exception)
        {
            // The key ring provider has logged the failure and tries again when a key is needed;
            // the key-ring health check reports it. A failed warm-up must not end the process.
        }
    }
}
