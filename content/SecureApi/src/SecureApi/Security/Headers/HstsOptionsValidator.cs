using Microsoft.Extensions.Options;

namespace SecureApi.Security.Headers;

/// <summary>
/// Refuses HSTS settings that would weaken it or that preload lists would reject.
/// </summary>
internal sealed class HstsOptionsValidator : IValidateOptions<HstsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HstsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        const string Section = HstsOptions.SectionName;
        if (options.MaxAgeSeconds < HstsOptions.OneYearInSeconds)
        {
            return ValidateOptionsResult.Fail(
                $"{Section}:MaxAgeSeconds is {options.MaxAgeSeconds}; it must be at least {HstsOptions.OneYearInSeconds} (one year).");
        }

        if (options.Preload && !options.IncludeSubDomains)
        {
            return ValidateOptionsResult.Fail(
                $"{Section}:Preload is true while {Section}:IncludeSubDomains is false; preload lists require includeSubDomains.");
        }

        return ValidateOptionsResult.Success;
    }
}
