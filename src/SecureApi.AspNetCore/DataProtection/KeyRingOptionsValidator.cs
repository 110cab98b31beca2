using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.DataProtection;

/// <summary>
/// Refuses a key ring folder that cannot be created, written and read back, and a certificate that
/// cannot be loaded with its private key: the service would otherwise start, report itself
/// healthy, and fail every token request.
/// </summary>
internal sealed class KeyRingOptionsValidator(IHostEnvironment environment, IServiceProvider services) : IValidateOptions<KeyRingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        if (options.Certificate.IsConfigured)
        {
            var unusable = KeyRingCertificate.TryLoad(options.Certificate, environment, out var certificate);
            certificate?.Dispose();
            if (unusable is not null)
            {
                return ValidateOptionsResult.Fail(unusable);
            }

            // Loaded while services were registered, from configuration: set later, in code or
            // without AddApiSecurity, it would not encrypt anything.
            if (services.GetService<KeyRingCertificateRegistration>() is not { } registration || !registration.Covers(options.Certificate))
            {
                return ValidateOptionsResult.Fail(
                    $"{KeyRingOptions.SectionName}:Certificate names '{options.Certificate.Path ?? options.Certificate.Thumbprint}', but not where " +
                    "AddApiSecurity() reads it, so nothing would be encrypted: set it in configuration (appsettings, environment variables), " +
                    "or protect the keys yourself with the framework's ProtectKeysWithCertificate().");
            }
        }

        if (services.GetService<SharedKeyRingStore>() is not null)
        {
            return ValidateOptionsResult.Success;
        }

        const string Key = $"{KeyRingOptions.SectionName}:{nameof(KeyRingOptions.KeyRingPath)}";
        if (string.IsNullOrWhiteSpace(options.KeyRingPath))
        {
            return ValidateOptionsResult.Fail($"{Key} is empty; it must name a folder for the key ring.");
        }

        return KeyRingPaths.Probe(KeyRingPaths.Resolve(options, environment)) is { } problem
            ? ValidateOptionsResult.Fail($"{Key} is '{options.KeyRingPath}', which cannot hold the key ring: {problem}")
            : ValidateOptionsResult.Success;
    }
}

/// <summary>Resolves the key ring folder.</summary>
internal static class KeyRingPaths
{
    /// <summary>The absolute folder of the key ring.</summary>
    /// <param name="options">The key ring options.</param>
    /// <param name="environment">The host environment, for the content root.</param>
    /// <returns>The absolute path.</returns>
    public static string Resolve(KeyRingOptions options, IHostEnvironment environment) =>
        Path.GetFullPath(options.KeyRingPath, environment.ContentRootPath);

    /// <summary>Creates the folder if need be, then writes a file in it, reads it back and deletes it.</summary>
    /// <param name="folder">The absolute folder of the key ring.</param>
    /// <returns>Why the folder cannot hold the key ring, or <see langword="null"/> when it can.</returns>
    public static string? Probe(string folder)
    {
        var probe = Path.Combine(folder, $".probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(folder);
            var written = Guid.NewGuid().ToString("N");
            File.WriteAllText(probe, written);
            return File.ReadAllText(probe) == written ? null : "what was written there does not read back";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return exception.Message;
        }
        finally
        {
            TryDelete(probe);
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Nothing was written, or the folder went away: nothing to clean up.
        }
    }
}
