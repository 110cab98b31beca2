using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SecureApi.AspNetCore.DataProtection;

/// <summary>
/// Loads the key ring on the thread pool in place of Data Protection's own hosted service, which
/// loads it before the server starts. Behind <c>UseApiSecurity</c> it loads once the first
/// response has been sent (<see cref="KeyRingWarmUpMiddleware"/>), so that the first answer
/// after a deploy or a scale-out does not share the core with it, and is still loaded before a
/// front end's first token request is likely to need it; otherwise once the server listens. A
/// request that needs a key before then loads the key ring itself, as it would without this.
/// </summary>
// It resolves the key ring provider only to load: resolving it configures Data Protection, which
// must wait until HasValidConfiguration has reported the settings, and UseApiSecurity resolves this.
internal sealed class KeyRingWarmUp(IServiceProvider services) : IHostedLifecycleService
{
    // The in-box service this replaces, internal to Data Protection, registered by AddDataProtection.
    private const string InBoxWarmUp = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    private int _loadStarted;

    /// <summary>Whether the load waits for the first response rather than the server's start.</summary>
    public bool AfterFirstResponse { get; set; }

    /// <summary>Whether the load has started.</summary>
    public bool LoadStarted => Volatile.Read(ref _loadStarted) != 0;

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

        services.TryAddSingleton<KeyRingWarmUp>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KeyRingWarmUp>(
            provider => provider.GetRequiredService<KeyRingWarmUp>()));
    }

    /// <summary>Starts loading the key ring on the thread pool, unless it has started already.</summary>
    public void StartLoad()
    {
        if (Interlocked.Exchange(ref _loadStarted, 1) == 0)
        {
            _ = Task.Run(Load, CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!AfterFirstResponse)
        {
            StartLoad();
        }

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
            services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing();
        }
        catch (Exception)
        {
            // The key ring provider has logged the failure and tries again when a key is needed;
            // the key-ring health check reports it. A failed warm-up must not end the process.
        }
    }
}
