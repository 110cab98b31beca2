using System.Net;

namespace SecureApi.AspNetCore.Https;

/// <summary>
/// Warns once, in Production, when requests carry forwarded headers while no trusted proxy is
/// configured: the service is behind a proxy its settings do not name, so every client behind it
/// shares one rate-limit partition and HTTPS at the proxy is not recognised.
/// </summary>
internal sealed class UntrustedProxyWarning
{
    private readonly ILogger<UntrustedProxyWarning> _logger;
    private int _pending;

    public UntrustedProxyWarning(TrustedProxies proxies, IHostEnvironment environment, ILogger<UntrustedProxyWarning> logger)
    {
        ArgumentNullException.ThrowIfNull(proxies);
        ArgumentNullException.ThrowIfNull(environment);

        _logger = logger;

        // With proxies configured, headers from elsewhere are a client's own, which it may send at any rate.
        _pending = proxies.IsLoopbackOnly && environment.IsProduction() ? 1 : 0;
    }

    /// <summary>Notes a request with forwarded headers from an address that is not trusted.</summary>
    /// <param name="peer">The connection's remote address.</param>
    public void Observe(IPAddress? peer)
    {
        if (_pending == 1 && Interlocked.Exchange(ref _pending, 0) == 1)
        {
            HttpsLog.UntrustedForwarding(_logger, peer?.ToString() ?? "an unknown address");
        }
    }
}
