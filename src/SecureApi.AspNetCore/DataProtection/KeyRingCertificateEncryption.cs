using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace SecureApi.AspNetCore.DataProtection;

/// <summary>
/// Encrypts the key ring at rest with the certificate of <c>DataProtection:Certificate</c>,
/// through the framework's own <c>ProtectKeysWithCertificate</c>: keys name the framework's
/// decryptor, so they stay readable by any service that has the certificate, this package or not.
/// The certificate is loaded while services are registered, as that API needs it; one that cannot
/// be loaded is left to the startup validation, which refuses it.
/// </summary>
internal sealed class KeyRingCertificateRegistration
{
    private KeyRingCertificateRegistration(KeyRingCertificateOptions settings) => Settings = settings;

    /// <summary>The settings the certificate was loaded from.</summary>
    public KeyRingCertificateOptions Settings { get; }

    /// <summary>Loads the configured certificate, if any, and protects the keys with it.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The application's configuration.</param>
    /// <param name="environment">The host environment, for the content root.</param>
    public static void Add(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = new KeyRingCertificateOptions();
        configuration.GetSection($"{KeyRingOptions.SectionName}:{nameof(KeyRingOptions.Certificate)}").Bind(settings);
        if (!settings.IsConfigured
            || services.Any(descriptor => descriptor.ServiceType == typeof(KeyRingCertificateRegistration))
            || KeyRingCertificate.TryLoad(settings, environment, out var certificate) is not null)
        {
            return;
        }

        services.AddDataProtection().ProtectKeysWithCertificate(certificate!);
        services.AddSingleton(new KeyRingCertificateRegistration(settings));
    }

    /// <summary>Whether the certificate the settings name is the one the keys are protected with.</summary>
    /// <param name="settings">The effective settings.</param>
    /// <returns><see langword="true"/> when they name the registered certificate.</returns>
    public bool Covers(KeyRingCertificateOptions settings) =>
        string.Equals(settings.Path, Settings.Path, StringComparison.Ordinal)
        && string.Equals(settings.Thumbprint, Settings.Thumbprint, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Reads keys that version 0.2 wrote: their XML names this class, with the framework's encrypted
/// format inside, which the framework's decryptor reads with the registered certificate.
/// </summary>
/// <param name="services">The application's services; the key manager activates decryptors with them.</param>
// Never rename or remove: key rings written by 0.2 name it, and would be unreadable without it.
internal sealed class KeyRingCertificateDecryptor(IServiceProvider services) : IXmlDecryptor
{
    /// <inheritdoc />
    public XElement Decrypt(XElement encryptedElement) => new EncryptedXmlDecryptor(services).Decrypt(encryptedElement);
}
