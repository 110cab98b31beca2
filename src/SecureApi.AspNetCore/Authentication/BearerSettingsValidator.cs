using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Authentication;

/// <summary>
/// Refuses a bearer scheme (<c>AddJwtBearer()</c>) whose settings in
/// <c>Authentication:Schemes:Bearer</c> could validate no token, or would validate one they should
/// not: no authority and no signing key, an authority that is not HTTPS, no audience, or a signing
/// key too short for HMAC-SHA256. The handler itself would start and refuse every token, or fetch
/// its keys over plain HTTP, and say so only per request.
/// </summary>
/// <param name="configuration">The configuration the scheme is bound from.</param>
/// <param name="environment">The host environment: Development may use a plain-HTTP local authority.</param>
internal sealed class BearerSettingsValidator(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<AuthenticationOptions>
{
    /// <summary>The scheme name <c>AddJwtBearer()</c> registers, and its configuration section.</summary>
    public const string Scheme = "Bearer";

    private const string Section = $"Authentication:Schemes:{Scheme}";

    // HMAC-SHA256 needs a key of at least 256 bits; dotnet user-jwts writes 32 bytes.
    private const int MinimumSigningKeyBytes = 32;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.SchemeMap.ContainsKey(Scheme))
        {
            return ValidateOptionsResult.Success;
        }

        var bearer = configuration.GetSection(Section);
        var authority = bearer["Authority"];
        var signingKeys = bearer.GetSection("SigningKeys").GetChildren().ToList();
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(authority) && signingKeys.Count == 0)
        {
            failures.Add($"{Section} has neither Authority nor SigningKeys, so no token could be validated: set {Section}:Authority " +
                "to the identity provider (https://...), or in Development run `dotnet user-jwts create`.");
        }

        if (!string.IsNullOrWhiteSpace(authority) && !IsAllowedAuthority(authority))
        {
            failures.Add($"{Section}:Authority is '{authority}'; it must be an absolute https:// address (its keys are fetched from there).");
        }

        if (string.IsNullOrWhiteSpace(bearer["ValidAudience"]) && !bearer.GetSection("ValidAudiences").GetChildren().Any(HasValue))
        {
            failures.Add($"{Section}:ValidAudiences is empty: every token would be refused. Set it to the audience this API's tokens are issued for.");
        }

        foreach (var key in signingKeys)
        {
            if (KeyProblem(key["Value"]) is { } problem)
            {
                failures.Add($"{Section}:SigningKeys:{key.Key}:Value {problem}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool HasValue(IConfigurationSection section) => !string.IsNullOrWhiteSpace(section.Value);

    private bool IsAllowedAuthority(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (environment.IsDevelopment() && uri.IsLoopback));

    // The value is never repeated: it is the secret.
    private static string? KeyProblem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "is empty.";
        }

        var bytes = new byte[value.Length];
        return !Convert.TryFromBase64String(value, bytes, out var length)
            ? "is not base64."
            : length < MinimumSigningKeyBytes
                ? $"is {length} bytes; a signing key needs at least {MinimumSigningKeyBytes}."
                : null;
    }
}
