using Microsoft.AspNetCore.Authorization;

namespace SecureApi.Features.Admin;

/// <summary>
/// Registers the authorization policy of the administrative area.
/// </summary>
public static class AdminAccessPolicyExtensions
{
    /// <summary>
    /// Adds the <c>Admin</c> policy: a signed-in user with a role or scope that
    /// <c>Authorization:Admin</c> lists. Startup refuses a configuration that lists none, which
    /// would lock everyone out of the administrative area.
    /// </summary>
    /// <param name="authorization">The authorization builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static AuthorizationBuilder AddAdminAccessPolicy(this AuthorizationBuilder authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);

        authorization.Services.AddOptions<AdminAccess>()
            .BindConfiguration(AdminAccess.SectionName)
            .Validate(
                access => access.Roles.Count + access.Scopes.Count > 0,
                $"{AdminAccess.SectionName}:Roles and {AdminAccess.SectionName}:Scopes are both empty, so nobody could use /api/admin: list the role or scope that grants it.")
            .ValidateOnStart();
        authorization.Services.AddSingleton<IAuthorizationHandler, AdminAccessHandler>();

        return authorization.AddPolicy(AdminAccess.PolicyName, policy =>
            policy.RequireAuthenticatedUser().AddRequirements(new AdminAccessRequirement()));
    }
}
