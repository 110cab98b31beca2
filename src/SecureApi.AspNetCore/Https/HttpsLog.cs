namespace SecureApi.AspNetCore.Https;

/// <summary>Log messages of the HTTPS and proxy handling.</summary>
internal static partial class HttpsLog
{
    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Unsafe for Production: requests from {Peer} carry X-Forwarded-For or " +
        "X-Forwarded-Proto, but no trusted proxy is configured, so the headers are ignored: every client behind that proxy shares one " +
        "rate-limit partition and HTTPS at the proxy is not recognised. Set ForwardedHeaders:KnownProxies or ForwardedHeaders:KnownIPNetworks " +
        "to the proxy's address, and ForwardedHeaders:ForwardLimit to the number of proxies.")]
    public static partial void UntrustedForwarding(ILogger logger, string peer);
}
