using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SecureApi.Features.Accounts;

/// <summary>
/// Identity's sign-in, with the same password hashing for an unknown email as for a known
/// account's wrong password: Identity returns before hashing when no account has the email, so the
/// time a failed sign-in takes would tell which emails have accounts. Each outcome is audited.
/// </summary>
internal sealed class EvenTimeSignInManager(
    UserManager<IdentityUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<IdentityUser> claimsFactory,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<IdentityUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<IdentityUser> confirmation)
    : SignInManager<IdentityUser>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    private static readonly IdentityUser Decoy = new("decoy");
    private static string? _decoyHash;

    /// <inheritdoc />
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var result = await SignInOrHashAsync(userName, password, isPersistent, lockoutOnFailure);
        if (!result.RequiresTwoFactor)
        {
            Context.AuditSecurityEvent(
                result.Succeeded ? ApiAuditEvent.SignInSucceeded : result.IsLockedOut ? ApiAuditEvent.SignInLockedOut : ApiAuditEvent.SignInFailed,
                userName);
        }

        return result;
    }

    private async Task<SignInResult> SignInOrHashAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is { } user)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }

        var hasher = UserManager.PasswordHasher;
        _decoyHash ??= hasher.HashPassword(Decoy, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(Decoy, _decoyHash, password);
        return SignInResult.Failed;
    }
}
