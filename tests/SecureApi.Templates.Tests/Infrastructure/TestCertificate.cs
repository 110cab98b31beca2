using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SecureApi.Templates.Tests.Infrastructure;

/// <summary>
/// A self-signed server certificate made for one test run, for names that resolve to loopback:
/// its own authority, so that a client told to trust it (Node's extra CA certificates) does.
/// </summary>
public static class TestCertificate
{
    /// <summary>Makes the certificate, for the names given and 127.0.0.1.</summary>
    /// <param name="hostNames">The DNS names it is for; the first is its subject.</param>
    /// <returns>The certificate, with its private key.</returns>
    public static X509Certificate2 Create(params string[] hostNames)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={hostNames[0]}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var hostName in hostNames)
        {
            names.AddDnsName(hostName);
        }

        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), password: null);
    }
}
