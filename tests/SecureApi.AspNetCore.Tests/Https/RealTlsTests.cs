using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;

namespace SecureApi.AspNetCore.Tests.Https;

/// <summary>
/// The service on a real Kestrel over real TLS on a loopback port, with a self-signed
/// certificate made for the test and trusted by this test's client only.
/// </summary>
public sealed class RealTlsTests : IAsyncLifetime, IDisposable
{
    private const string HostName = "api.test";

    private readonly X509Certificate2 _certificate = CreateCertificate();
    private readonly ApiFactory _factory = new();
    private HttpClient? _client;
    private Uri? _address;

    public Task InitializeAsync()
    {
        var address = _factory.StartOnLoopback(listen => listen.UseHttps(_certificate));
        _address = address;

        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                // Trust exactly the certificate this test made, nothing else.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetCertHashString() == _certificate.GetCertHashString(),
            },
        };
        _client = new HttpClient(handler) { BaseAddress = address };
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _client?.Dispose();
        _factory.Dispose();
        _certificate.Dispose();
    }

    [Fact]
    public async Task Https_OverRealTls_SendsHstsAndSecurityHeadersAndNoServerHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = HostName;

        using var response = await _client!.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", SecurityHeadersAssert.Header(response, "Strict-Transport-Security"));
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    [Fact]
    public async Task Https_OverRealTls_IsNotRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no/such/route");
        request.Headers.Host = HostName;

        using var response = await _client!.SendAsync(request);

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Theory]
    [InlineData(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256)]
    [InlineData(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384)]
    [InlineData(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA)]
    [UnsupportedOSPlatform("windows")]
    public async Task ClientOfferingOnlyACbcSuite_IsRefused(TlsCipherSuite suite)
    {
        await Assert.ThrowsAnyAsync<Exception>(() => HandshakeAsync(SslProtocols.Tls12, suite));
    }

    [Theory]
    [InlineData(SslProtocols.Tls12, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)]
    [InlineData(SslProtocols.Tls12, TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256)]
    [InlineData(SslProtocols.Tls13, TlsCipherSuite.TLS_AES_256_GCM_SHA384)]
    [UnsupportedOSPlatform("windows")]
    public async Task ClientOfferingAnAeadSuite_IsServed(SslProtocols protocol, TlsCipherSuite suite)
    {
        var negotiated = await HandshakeAsync(protocol, suite);

        Assert.Equal(suite, negotiated);
    }

    // A client of this test's own making, offering one protocol and one suite (OpenSSL's choice of
    // suites: Linux and macOS, where the server's are set too).
    [UnsupportedOSPlatform("windows")]
    private async Task<TlsCipherSuite> HandshakeAsync(SslProtocols protocol, TlsCipherSuite suite)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _address!.Port);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = HostName,
            EnabledSslProtocols = protocol,
            CipherSuitesPolicy = new CipherSuitesPolicy([suite]),
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString() == _certificate.GetCertHashString(),
        });
        return tls.NegotiatedCipherSuite;
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={HostName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(HostName);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));

        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}
