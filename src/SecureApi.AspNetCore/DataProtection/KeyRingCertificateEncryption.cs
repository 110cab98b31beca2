using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace SecureApi.AspNetCore.DataProtection;

/// <summary>
/// The certificate of <c>DataProtection:Certificate</c>, loaded once. Startup validation has
/// refused a certificate that cannot be loaded before anything asks for it.
/// </summary>
internal sealed class KeyRingCertificateSource(Microsoft.Extensions.Options.IOptions<KeyRingOptions> options, IHostEnvironment environment) : IDisposable
{
    private readonly Lazy<X509Certificate2?> _certificate = new(() =>
    {
        KeyRingCertificate.TryLoad(options.Value.Certificate, environment, out var certificate);
        return certificate;
    });

    /// <summary>The certificate, or null when none is configured or it cannot be loaded.</summary>
    public X509Certificate2? Certificate => options.Value.Certificate.IsConfigured ? _certificate.Value : null;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_certificate.IsValueCreated)
        {
            _certificate.Value?.Dispose();
        }
    }
}

/// <summary>
/// Encrypts each key with the certificate as the framework's certificate encryptor does, but names
/// <see cref="KeyRingCertificateDecryptor"/> to read it back: the framework's decryptor finds the
/// certificate only in a certificate store, and a certificate from a file is in none.
/// </summary>
/// <param name="certificate">The certificate.</param>
/// <param name="loggers">The logger factory.</param>
internal sealed class KeyRingCertificateEncryptor(X509Certificate2 certificate, ILoggerFactory loggers) : IXmlEncryptor
{
    private readonly CertificateXmlEncryptor _encryptor = new(certificate, loggers);

    /// <inheritdoc />
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(_encryptor.Encrypt(plaintextElement).EncryptedElement, typeof(KeyRingCertificateDecryptor));
}

/// <summary>Decrypts keys that <see cref="KeyRingCertificateEncryptor"/> encrypted, with the configured certificate's private key.</summary>
/// <param name="services">The application's services; the key manager activates decryptors with them.</param>
internal sealed class KeyRingCertificateDecryptor(IServiceProvider services) : IXmlDecryptor
{
    /// <inheritdoc />
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);

        var certificate = services.GetRequiredService<KeyRingCertificateSource>().Certificate
            ?? throw new CryptographicException(
                $"The key ring is encrypted with a certificate, but {KeyRingOptions.SectionName}:Certificate names none that can be loaded.");

        // The element is wrapped so that the document's root is not replaced by the decrypted key.
        var document = new XmlDocument { XmlResolver = null };
        document.Load(new XElement("root", encryptedElement).CreateReader());
        new CertificateEncryptedXml(document, certificate).DecryptDocument();
        return XElement.Load(new XmlNodeReader(document.DocumentElement!.FirstChild!));
    }

    private sealed class CertificateEncryptedXml(XmlDocument document, X509Certificate2 certificate) : EncryptedXml(document)
    {
        public override byte[]? DecryptEncryptedKey(EncryptedKey encryptedKey)
        {
            using var key = certificate.GetRSAPrivateKey();
            return key is null
                ? base.DecryptEncryptedKey(encryptedKey)
                : DecryptKey(encryptedKey.CipherData.CipherValue!, key, encryptedKey.EncryptionMethod?.KeyAlgorithm == XmlEncRSAOAEPUrl);
        }
    }
}
