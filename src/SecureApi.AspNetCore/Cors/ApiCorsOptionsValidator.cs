using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// Refuses unsafe or malformed CORS settings at startup: <c>*</c> with credentials, origins with
/// a path, query, trailing slash or no scheme, wildcards anywhere but the leftmost label, and
/// <c>http://</c> origins outside Development unless explicitly allowed.
/// </summary>
/// <remarks>
/// It validates only the <see cref="StartupInstance"/>: validating the default instance would make
/// a bad configuration reload throw on the reload thread. Reloads are checked by
/// <see cref="CorsPolicyCatalog"/>, which keeps the policies in force when one is refused.
/// </remarks>
internal sealed class ApiCorsOptionsValidator : IValidateOptions<ApiCorsOptions>
{
    /// <summary>The named options instance that startup validation reads.</summary>
    public const string StartupInstance = "Startup";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ApiCorsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        if (name != StartupInstance)
        {
            return ValidateOptionsResult.Skip;
        }

        CorsPolicyCompiler.Compile(options, out var errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
