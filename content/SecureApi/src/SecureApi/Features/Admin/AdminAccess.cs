using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace SecureApi.Features.Admin;

/// <summary>
/// Who may use <c>/api/admin</c>, bound from <c>Authorization:Admin</c>: a user with any of the
/// roles or any of the scopes.
/// </summary>
public sealed class AdminAccess
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Authorization:Admin";

    /// <summary>The authorization policy of the administrative area.</summary>
    public const string PolicyName = "Admin";

    /// <summary>Roles that grant access (the token's <c>role</c> or <c>roles</c> claims).</summary>
    public IReadOnlyList<string> Roles { get; set; } = [];

    /// <summary>Scopes that grant access (the token's space-separated <c>scope</c> or <c>scp</c> claim).</summary>
    public IReadOnlyList<string> Scopes { get; set; } = [];

    /// <summary>Whether a user holds one of the roles or scopes.</summary>
    /// <param name="user">The signed-in user.</param>
    /// <returns>Whether the user may use the administrative area.</returns>
    public bool IsGrantedTo(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);

        return Roles.Any(user.IsInRole)
            || user.Claims
                .Where(claim => claim.Type is "scope" or "scp" or "http://schemas.microsoft.com/identity/claims/scope")
                .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Any(scope => Scopes.Contains(scope, StringComparer.Ordinal));
    }
}

/// <summary>Grants the <see cref="AdminAccess.PolicyName"/> policy to the users <see cref="AdminAccess"/> names.</summary>
internal sealed class AdminAccessHandler(IOptions<AdminAccess> access) : AuthorizationHandler<AdminAccessRequirement>
{
    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminAccessRequirement requirement)
    {
        if (access.Value.IsGrantedTo(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The requirement of the <see cref="AdminAccess.PolicyName"/> policy.</summary>
internal sealed class AdminAccessRequirement : IAuthorizationRequirement;
