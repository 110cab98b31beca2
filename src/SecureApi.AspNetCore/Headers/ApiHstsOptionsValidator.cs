using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Headers;

/// <summary>
/// Refuses HSTS settings that would weaken it or that preload lists would reject.
/// </summary>
internal sealed class ApiHstsOptionsValidator : IValidateOptions<ApiHstsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ApiHstsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        const string Section = ApiHstsOptions.SectionName;
        if (options.MaxAgeSeconds < ApiHstsOptions.OneYearInSeconds)
        {
            return ValidateOptionsResult.Fail(
                $"{Section}:MaxAgeSeconds is {options.MaxAgeSeconds}; it must be at least {ApiHstsOptions.OneYearInSeconds} (one year).");
        }

        if (options.Preload && !options.IncludeSubDomains)
        {
            return ValidateOptionsResult.Fail(
                $"{Section}:Preload is true while {Section}:IncludeSubDomains is false; preload lists require includeSubDomains.");
        }

        return ValidateOptionsResult.Success;
    }
}
