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
}
