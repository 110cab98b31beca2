using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.DataProtection;

/// <summary>
/// Refuses a key ring folder that cannot be created: the service would otherwise fall back to
/// keys that die with the process, and every token would break on the next restart.
/// </summary>
internal sealed class KeyRingOptionsValidator(IHostEnvironment environment) : IValidateOptions<KeyRingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        const string Key = $"{KeyRingOptions.SectionName}:{nameof(KeyRingOptions.KeyRingPath)}";
        if (string.IsNullOrWhiteSpace(options.KeyRingPath))
        {
            return ValidateOptionsResult.Fail($"{Key} is empty; it must name a folder for the key ring.");
        }

        try
        {
            Directory.CreateDirectory(KeyRingPaths.Resolve(options, environment));
            return ValidateOptionsResult.Success;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ValidateOptionsResult.Fail($"{Key} is '{options.KeyRingPath}', which cannot be created: {exception.Message}");
        }
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
}
