using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SecureApi.Features.Accounts;

/// <summary>The session cookie's settings, bound from <c>Identity:Cookie</c>.</summary>
public sealed class SessionCookieSettings
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Identity:Cookie";

    /// <summary>
    /// The cookie's <c>SameSite</c> (<c>Identity:Cookie:SameSite</c>): Strict when the front end is
    /// served from the API's own site, Lax or None (with CORS credentials) when it is not.
    /// </summary>
    public SameSiteMode SameSite { get; set; } = SameSiteMode.Strict;

    /// <summary>
    /// How long a session lasts without a request (<c>Identity:Cookie:IdleTimeout</c>); each
    /// request renews it.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The longest a session lasts however often it is used (<c>Identity:Cookie:AbsoluteLifetime</c>);
    /// then the user signs in again.
    /// </summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>
/// Refuses a password policy weaker than NIST SP 800-63B allows (fewer than 8 characters, or a
/// lockout that never locks), a cookie SameSite that is not Strict, Lax or None, and session
/// lifetimes that are not positive, or whose idle timeout outlasts the absolute lifetime, or
/// longer than <see cref="LongestSession"/>.
/// </summary>
internal sealed class AccountSettingsValidator : IValidateOptions<IdentityOptions>, IValidateOptions<SessionCookieSettings>
{
    private const int MinimumPasswordLength = 8;

    /// <summary>The longest absolute session lifetime accepted.</summary>
    public static readonly TimeSpan LongestSession = TimeSpan.FromDays(30);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        if (options.Password.RequiredLength < MinimumPasswordLength)
        {
            failures.Add($"Identity:Password:RequiredLength is {options.Password.RequiredLength}; it must be at least {MinimumPasswordLength}.");
        }

        if (options.Lockout.MaxFailedAccessAttempts is < 1 or > 100)
        {
            failures.Add($"Identity:Lockout:MaxFailedAccessAttempts is {options.Lockout.MaxFailedAccessAttempts}; it must be from 1 to 100.");
        }

        if (options.Lockout.DefaultLockoutTimeSpan <= TimeSpan.Zero)
        {
            failures.Add($"Identity:Lockout:DefaultLockoutTimeSpan is {options.Lockout.DefaultLockoutTimeSpan}; it must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SessionCookieSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        if (options.SameSite is not (SameSiteMode.Strict or SameSiteMode.Lax or SameSiteMode.None))
        {
            failures.Add($"{SessionCookieSettings.SectionName}:SameSite is {options.SameSite}; it must be Strict, Lax or None.");
        }

        if (options.AbsoluteLifetime <= TimeSpan.Zero || options.AbsoluteLifetime > LongestSession)
        {
            failures.Add($"{SessionCookieSettings.SectionName}:AbsoluteLifetime is {options.AbsoluteLifetime}; it must be positive and at most {LongestSession.TotalDays} days.");
        }

        if (options.IdleTimeout <= TimeSpan.Zero || options.IdleTimeout > options.AbsoluteLifetime)
        {
            failures.Add($"{SessionCookieSettings.SectionName}:IdleTimeout is {options.IdleTimeout}; it must be positive and at most {SessionCookieSettings.SectionName}:AbsoluteLifetime ({options.AbsoluteLifetime}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
