using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Configuration;

namespace SecureApi.AspNetCore.DataProtection;

/// <summary>
/// Warns in Production of a key ring that a redeploy loses or an intruder reads: one kept in a
/// folder of the instance (each instance then rejects the others' tokens, and a container that is
/// replaced takes it along), and one whose keys are not encrypted at rest.
/// </summary>
internal sealed class KeyRingDeploymentCheck(IOptions<KeyRingOptions> options, IServiceProvider services) : IDeploymentCheck
{
    /// <inheritdoc />
    public IEnumerable<string> FindWarnings()
    {
        var keyRing = options.Value;
        if (services.GetService<SharedKeyRingStore>() is null)
        {
            yield return $"{KeyRingOptions.SectionName}:{nameof(KeyRingOptions.KeyRingPath)} is '{keyRing.KeyRingPath}', a folder of this " +
                "instance: other instances reject its antiforgery tokens and a replaced container loses the key ring. Set " +
                "Redis:Configuration to share it (with the SecureApi.AspNetCore.Redis package), or mount that folder from storage every instance shares.";
        }

        if (!keyRing.Certificate.IsConfigured)
        {
            yield return $"{KeyRingOptions.SectionName}:Certificate:Path (or :Thumbprint) is not set: the key ring's keys are stored " +
                "unencrypted, and whoever reads them can forge antiforgery tokens.";
        }
    }
}
