namespace SecureApi.AspNetCore.Https;

/// <summary>
/// The proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> headers are believed,
/// bound from the <c>ForwardedHeaders</c> section. From any other address the headers are
/// ignored. With neither list set, only loopback is trusted (a proxy on the same host).
/// </summary>
public sealed class TrustedProxiesOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ForwardedHeaders";

    /// <summary>The largest <see cref="ForwardLimit"/> accepted.</summary>
    public const int MaxForwardLimit = 10;

    /// <summary>Proxy addresses (<c>ForwardedHeaders:KnownProxies</c>), e.g. <c>10.0.0.5</c>.</summary>
    public IReadOnlyList<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form (<c>ForwardedHeaders:KnownIPNetworks</c>), e.g. <c>10.0.0.0/24</c>.</summary>
    public IReadOnlyList<string> KnownIPNetworks { get; set; } = [];

    /// <summary>
    /// How many trusted proxies <c>X-Forwarded-For</c> is walked back through
    /// (<c>ForwardedHeaders:ForwardLimit</c>), from 1 (the default) to <see cref="MaxForwardLimit"/>:
    /// 2 behind a CDN in front of an ingress, both trusted.
    /// </summary>
    public int ForwardLimit { get; set; } = 1;
}
