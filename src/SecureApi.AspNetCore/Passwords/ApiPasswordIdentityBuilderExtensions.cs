using Microsoft.Extensions.DependencyInjection.Extensions;
using SecureApi.AspNetCore.Passwords;

namespace Microsoft.AspNetCore.Identity;

/// <summary>
/// Adds the package's password checks to ASP.NET Core Identity.
/// </summary>
public static class ApiPasswordIdentityBuilderExtensions
{
    /// <summary>
    /// Refuses common and breached passwords wherever Identity sets one (registration, a password
    /// change or reset), as NIST SP 800-63B and OWASP ASVS ask: the package's list of the 49,000
    /// passwords most common in public breaches, checked offline, also with digits and symbols
    /// around a common word (<c>Password1234!</c>). The refusal is Identity's error
    /// <c>PasswordTooCommon</c>, a 400 naming it from Identity's API endpoints.
    /// </summary>
    /// <param name="builder">The Identity builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IdentityBuilder AddApiPasswordBlocklist(this IdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var validator = typeof(IPasswordValidator<>).MakeGenericType(builder.UserType);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped(validator, typeof(CommonPasswordValidator<>).MakeGenericType(builder.UserType)));
        return builder;
    }
}
