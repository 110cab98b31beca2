using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SecureApi.AspNetCore.DataProtection;

/// <summary>Loads the certificate that encrypts the key ring at rest.</summary>
internal static class KeyRingCertificate
{
    private const string Key = $"{KeyRingOptions.SectionName}:{nameof(KeyRingOptions.Certificate)}";

    /// <summary>Loads the configured certificate.</summary>
    /// <param name="options">The certificate settings.</param>
    /// <param name="environment">The host environment, for the content root.</param>
    /// <param name="certificate">The certificate, with its private key.</param>
    /// <returns>Why it cannot be used (naming the key), or <see langword="null"/>.</returns>
    public static string? TryLoad(KeyRingCertificateOptions options, IHostEnvironment environment, out X509Certificate2? certificate)
    {
        certificate = null;
        if (!string.IsNullOrWhiteSpace(options.Path) && !string.IsNullOrWhiteSpace(options.Thumbprint))
        {
            return $"{Key}:Path and {Key}:Thumbprint are both set; set one of them.";
        }

        return string.IsNullOrWhiteSpace(options.Thumbprint)
            ? FromFile(options, environment, out certificate)
            : FromStore(options.Thumbprint, out certificate);
    }

    private static string? FromFile(KeyRingCertificateOptions options, IHostEnvironment environment, out X509Certificate2? certificate)
    {
        certificate = null;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(
                System.IO.Path.GetFullPath(options.Path!, environment.ContentRootPath), options.Password);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            // The message says "file not found" or "password incorrect"; it never holds the password.
            return $"{Key}:Path is '{options.Path}', which cannot be loaded with {Key}:Password: {exception.Message}";
        }

        return WithPrivateKey(ref certificate, $"{Key}:Path is '{options.Path}'");
    }

    private static string? FromStore(string thumbprint, out X509Certificate2? certificate)
    {
        certificate = null;
        try
        {
            using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            certificate = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Trim(), validOnly: false)
                .OfType<X509Certificate2>().FirstOrDefault();
        }
        catch (CryptographicException)
        {
            // The store does not exist: the certificate is not there.
        }

        return certificate is null
            ? $"{Key}:Thumbprint is '{thumbprint}', which is not in the current user's personal certificate store."
            : WithPrivateKey(ref certificate, $"{Key}:Thumbprint is '{thumbprint}'");
    }

    private static string? WithPrivateKey(ref X509Certificate2? certificate, string setting)
    {
        if (certificate!.HasPrivateKey)
        {
            return null;
        }

        certificate.Dispose();
        certificate = null;
        return $"{setting}, a certificate without its private key: the key ring could be written but never read.";
    }
}
