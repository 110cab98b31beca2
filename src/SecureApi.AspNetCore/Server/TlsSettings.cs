using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace SecureApi.AspNetCore.Server;

/// <summary>
/// TLS where Kestrel terminates it itself: TLS 1.2 and 1.3 only, and AEAD suites only (Mozilla's
/// intermediate profile), so that no client is served with CBC suites and their padding oracles.
/// Applied as Kestrel's HTTPS defaults: an endpoint configured in code can still set its own.
/// </summary>
internal static class TlsSettings
{
    // Windows takes its suites from the operating system's own policy (Schannel), not from here.
    private static readonly CipherSuitesPolicy? Suites = OperatingSystem.IsWindows() ? null : new(
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ]);

    /// <summary>Restricts an HTTPS endpoint's protocols and suites.</summary>
    /// <param name="https">The endpoint's HTTPS options.</param>
    public static void Apply(HttpsConnectionAdapterOptions https)
    {
        https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        if (Suites is not null)
        {
            var authenticate = https.OnAuthenticate;
            https.OnAuthenticate = (connection, ssl) =>
            {
                ssl.CipherSuitesPolicy = Suites;
                authenticate?.Invoke(connection, ssl);
            };
        }
    }
}
