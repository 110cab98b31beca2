using System.Net;
using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Https;

/// <summary>
/// The set of proxy addresses whose forwarded headers are believed, built once from
/// <see cref="TrustedProxiesOptions"/>.
/// </summary>
internal sealed class TrustedProxies
{
    private readonly HashSet<IPAddress> _addresses;
    private readonly IPNetwork[] _networks;
    private readonly bool _loopbackOnly;

    public TrustedProxies(IOptions<TrustedProxiesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var proxies = options.Value;
        _addresses = [.. proxies.KnownProxies.Select(proxy => Normalize(IPAddress.Parse(proxy)))];
        _networks = [.. proxies.KnownIPNetworks.Select(network => IPNetwork.Parse(network))];
        _loopbackOnly = _addresses.Count == 0 && _networks.Length == 0;
        ForwardLimit = proxies.ForwardLimit;
    }

    /// <summary>How many trusted proxies a chain is walked back through.</summary>
    public int ForwardLimit { get; }

    /// <summary>Whether none is configured, so that only a proxy on the same host is trusted.</summary>
    public bool IsLoopbackOnly => _loopbackOnly;

    /// <summary>Whether a connection from this address may speak for the client.</summary>
    /// <param name="address">The connection's remote address; unknown (null) is never trusted.</param>
    /// <returns><see langword="true"/> for a trusted proxy.</returns>
    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        address = Normalize(address);
        if (_loopbackOnly)
        {
            return IPAddress.IsLoopback(address);
        }

        if (_addresses.Contains(address))
        {
            return true;
        }

        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    // ::ffff:10.0.0.5 is 10.0.0.5: a dual-stack socket must not turn a trusted proxy into a stranger.
    private static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
