namespace SecureApi.AspNetCore.DataProtection;

/// <summary>
/// Where the Data Protection key ring lives, bound from the <c>DataProtection</c> section. The
/// key ring encrypts antiforgery tokens (and anything else protected): persisted, tokens survive
/// restarts and deployments; shared, several instances accept each other's tokens.
/// </summary>
public sealed class KeyRingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "DataProtection";

    /// <summary>
    /// The folder of the key ring (<c>DataProtection:KeyRingPath</c>), relative to the content root
    /// unless absolute. Keep it out of source control and readable by the service only.
    /// </summary>
    public string KeyRingPath { get; set; } = "keys";

    /// <summary>
    /// The application name that isolates this service's keys (<c>DataProtection:ApplicationName</c>);
    /// empty for the service's assembly name. Instances that must share tokens need the same one.
    /// </summary>
    public string ApplicationName { get; set; } = string.Empty;

    /// <summary>
    /// The certificate that encrypts the keys at rest (<c>DataProtection:Certificate</c>); without
    /// one, anyone who can read the key ring's store can forge every token.
    /// </summary>
    public KeyRingCertificateOptions Certificate { get; set; } = new();
}

/// <summary>
/// The certificate the key ring's keys are encrypted with: a PKCS#12 file and its password, or the
/// thumbprint of a certificate in the current user's personal store. Its private key must be there.
/// </summary>
public sealed class KeyRingCertificateOptions
{
    /// <summary>A PKCS#12 (.pfx) file (<c>DataProtection:Certificate:Path</c>), relative to the content root unless absolute.</summary>
    public string? Path { get; set; }

    /// <summary>The file's password (<c>DataProtection:Certificate:Password</c>); keep it in a secret store, not in appsettings.</summary>
    public string? Password { get; set; }

    /// <summary>The thumbprint of a certificate in the current user's personal store (<c>DataProtection:Certificate:Thumbprint</c>).</summary>
    public string? Thumbprint { get; set; }

    /// <summary>Whether a certificate is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Path) || !string.IsNullOrWhiteSpace(Thumbprint);
}
