using Microsoft.AspNetCore.Identity;

namespace SecureApi.AspNetCore.Passwords;

/// <summary>Refuses a common password (<see cref="CommonPasswords"/>) wherever Identity sets one.</summary>
/// <typeparam name="TUser">The user type.</typeparam>
internal sealed class CommonPasswordValidator<TUser> : IPasswordValidator<TUser>
    where TUser : class
{
    /// <summary>The code of the error, which Identity's API answers as the key of <c>errors</c>.</summary>
    public const string ErrorCode = "PasswordTooCommon";

    /// <inheritdoc />
    public Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password) =>
        Task.FromResult(password is not null && CommonPasswords.IsCommon(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = ErrorCode,
                Description = "This password is among the most common ones, which attackers try first: choose another.",
            })
            : IdentityResult.Success);
}
