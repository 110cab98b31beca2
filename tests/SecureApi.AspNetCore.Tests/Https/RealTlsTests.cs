using System.Net;
using System.Net.Security;
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

    public Task InitializeAsync()
    {
        var address = _factory.StartOnLoopback(listen => listen.UseHttps(_certificate));

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
