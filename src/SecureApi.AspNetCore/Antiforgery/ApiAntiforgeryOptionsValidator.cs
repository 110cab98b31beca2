using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Antiforgery;

/// <summary>Refuses a SameSite mode browsers would each read differently.</summary>
internal sealed class ApiAntiforgeryOptionsValidator : IValidateOptions<ApiAntiforgeryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ApiAntiforgeryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        return options.SameSite is SameSiteMode.Strict or SameSiteMode.Lax or SameSiteMode.None
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{ApiAntiforgeryOptions.SectionName}:SameSite is {options.SameSite:G}; it must be Strict, Lax or None.");
    }
}
