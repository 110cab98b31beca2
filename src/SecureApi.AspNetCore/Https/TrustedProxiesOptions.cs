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

    /// <summary>Proxy addresses (<c>ForwardedHeaders:KnownProxies</c>), e.g. <c>10.0.0.5</c>.</summary>
    public IReadOnlyList<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form (<c>ForwardedHeaders:KnownIPNetworks</c>), e.g. <c>10.0.0.0/24</c>.</summary>
    public IReadOnlyList<string> KnownIPNetworks { get; set; } = [];
}
