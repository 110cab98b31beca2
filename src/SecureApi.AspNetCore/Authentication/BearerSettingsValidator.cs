using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.AspNetCore.Authentication;

/// <summary>
/// Refuses a bearer scheme (<c>AddJwtBearer()</c>, any scheme name) that could validate no token,
/// or would validate one it should not. It checks the options the handler will really use, from
/// <c>Authentication:Schemes:&lt;scheme&gt;</c> or from code alike: no authority and no signing
/// key, an authority that is not HTTPS, no audience, or a signing key too short for HMAC-SHA256;
/// outside Development also any of audience, issuer or lifetime validation turned off, or
/// metadata fetched without HTTPS. The handler itself would start and refuse (or accept) every
/// token, and say so only per request. Key material in configuration is checked first, by its
/// key, so that a malformed value is named rather than thrown while the options are built.
/// </summary>
/// <param name="configuration">The configuration the schemes are bound from.</param>
/// <param name="environment">The host environment: Development may use a plain-HTTP local authority, and test tokens.</param>
/// <param name="services">The services, for the handler's options.</param>
internal sealed class BearerSettingsValidator(IConfiguration configuration, IHostEnvironment environment, IServiceProvider services)
    : IValidateOptions<AuthenticationOptions>
{
    // HMAC-SHA256 needs a key of at least 256 bits; dotnet user-jwts writes 32 bytes.
    private const int MinimumSigningKeyBytes = 32;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        foreach (var scheme in options.Schemes.Where(scheme => scheme.HandlerType == typeof(JwtBearerHandler)))
        {
            var section = $"Authentication:Schemes:{scheme.Name}";
            var configurationFailures = ConfigurationFailures(section);
            failures.AddRange(configurationFailures.Count > 0 ? configurationFailures : OptionsFailures(section, scheme.Name));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // What the framework would throw on while it builds the options, named by its key.
    private List<string> ConfigurationFailures(string section)
    {
        var failures = new List<string>();
        var authority = configuration[$"{section}:Authority"];
        if (!string.IsNullOrWhiteSpace(authority) && !IsAllowedAuthority(authority))
        {
            failures.Add(AuthorityFailure(section, authority));
        }

        foreach (var key in configuration.GetSection($"{section}:SigningKeys").GetChildren())
        {
            if (KeyProblem(key["Value"]) is { } problem)
            {
                failures.Add($"{section}:SigningKeys:{key.Key}:Value {problem}");
            }
        }

        return failures;
    }

    private IEnumerable<string> OptionsFailures(string section, string scheme)
    {
        JwtBearerOptions bearer;
        try
        {
            bearer = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(scheme);
        }
        catch (InvalidOperationException exception)
        {
            return [$"{section} cannot be used: {exception.Message}"];
        }

        return OptionsFailures(section, bearer);
    }

    private IEnumerable<string> OptionsFailures(string section, JwtBearerOptions bearer)
    {
        var tokens = bearer.TokenValidationParameters;
        var keys = (tokens.IssuerSigningKeys ?? []).Append(tokens.IssuerSigningKey).OfType<SecurityKey>().ToList();
        var fetchesKeys = !string.IsNullOrWhiteSpace(bearer.Authority) || !string.IsNullOrWhiteSpace(bearer.MetadataAddress)
            || bearer.Configuration is not null || bearer.ConfigurationManager is not null;
        if (!fetchesKeys && keys.Count == 0 && tokens.IssuerSigningKeyResolver is null && tokens.IssuerSigningKeyResolverUsingConfiguration is null)
        {
            yield return $"{section} has neither Authority nor SigningKeys, so no token could be validated: set {section}:Authority " +
                "to the identity provider (https://...), or in Development run `dotnet user-jwts create`.";
        }

        if (!string.IsNullOrWhiteSpace(bearer.Authority) && !IsAllowedAuthority(bearer.Authority))
        {
            yield return AuthorityFailure(section, bearer.Authority);
        }

        if (string.IsNullOrWhiteSpace(bearer.Audience) && string.IsNullOrWhiteSpace(tokens.ValidAudience)
            && !(tokens.ValidAudiences ?? []).Any(audience => !string.IsNullOrWhiteSpace(audience)) && tokens.AudienceValidator is null)
        {
            yield return $"{section}:ValidAudiences is empty: set it to the audience this API's tokens are issued for, so that tokens issued for other APIs are refused.";
        }

        foreach (var key in keys.OfType<SymmetricSecurityKey>().Where(key => key.KeySize < MinimumSigningKeyBytes * 8))
        {
            yield return $"{section}:SigningKeys has a key of {key.KeySize / 8} bytes; a signing key needs at least {MinimumSigningKeyBytes}.";
        }

        if (environment.IsDevelopment())
        {
            yield break;
        }

        foreach (var (setting, on, consequence) in new[]
        {
            ("ValidateAudience", tokens.ValidateAudience, "tokens issued for any API would be accepted"),
            ("ValidateIssuer", tokens.ValidateIssuer, $"tokens from any issuer would be accepted; set {section}:ValidIssuer to your identity provider's issuer"),
            ("ValidateLifetime", tokens.ValidateLifetime, "expired tokens would be accepted"),
            ("RequireHttpsMetadata", bearer.RequireHttpsMetadata, "the signing keys could be fetched over plain HTTP"),
        })
        {
            if (!on)
            {
                yield return $"{section}:{setting} is false outside Development: {consequence}.";
            }
        }
    }

    private static string AuthorityFailure(string section, string authority) =>
        $"{section}:Authority is '{authority}'; it must be an absolute https:// address (its keys are fetched from there).";

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
