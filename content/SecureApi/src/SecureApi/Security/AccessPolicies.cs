#if (sample)
using System.Security.Claims;
#endif
using Microsoft.AspNetCore.Authorization;
#if (sample)
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
#endif

namespace SecureApi.Security;

/// <summary>
/// Who may do what: deny by default, and the named policies the service's endpoints ask for.
/// </summary>
public static class AccessPolicies
{
#if (sample)
    /// <summary>The policy of the administrative area: a role or scope from <c>Authorization:Admin</c>.</summary>
    public const string Admin = "Admin";

    /// <summary>
    /// The policy of the sample's writes: a signed-in user with an id, who changes only their own
    /// items; with bearer tokens, also a role or scope from <c>Authorization:Writes</c>, so that
    /// any token issued for this API's audience (an app-only one, say) cannot write.
    /// </summary>
    public const string ItemWrites = "ItemWrites";

#endif
    /// <summary>
    /// Denies by default: an endpoint mapped without a policy of its own needs a signed-in user
    /// (401 otherwise), and a public one says so with <c>AllowAnonymous()</c> where it is mapped.
    /// The sample's grant policies are added too; startup refuses a grant section that lists no
    /// role and no scope, which would lock everyone out.
    /// </summary>
    /// <param name="authorization">The authorization builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static AuthorizationBuilder AddAccessPolicies(this AuthorizationBuilder authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);

        authorization.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
#if (sample)
        authorization.AddGrantPolicy(Admin, "Authorization:Admin");
#if (AuthJwt)
        authorization.AddGrantPolicy(ItemWrites, "Authorization:Writes", policy => policy.RequireAssertion(HasUserId));
#else
        authorization.AddPolicy(ItemWrites, policy => policy.RequireAuthenticatedUser().RequireAssertion(HasUserId));
#endif
#endif

        return authorization;
    }
#if (sample)

    /// <summary>
    /// The signed-in user's stable id, which owns what the user creates: Identity's user id, or a
    /// token's subject (<c>sub</c>). The <see cref="ItemWrites"/> policy admits no user without one.
    /// </summary>
    /// <param name="user">The signed-in user.</param>
    /// <returns>The id, or <see langword="null"/> when the user has none.</returns>
    public static string? UserIdOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);

        return user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub");
    }

    private static bool HasUserId(AuthorizationHandlerContext context) => !string.IsNullOrEmpty(UserIdOf(context.User));
#endif
#if (sample)

    private static void AddGrantPolicy(this AuthorizationBuilder authorization, string policyName, string sectionName, Action<AuthorizationPolicyBuilder>? more = null)
    {
        authorization.Services.AddOptions<AccessGrant>(policyName)
            .BindConfiguration(sectionName)
            .Validate(
                grant => grant.Roles.Concat(grant.Scopes).Any(value => !string.IsNullOrWhiteSpace(value)),
                $"{sectionName}:Roles and {sectionName}:Scopes are both empty, so nobody would be granted the {policyName} policy: list the role or scope that grants it.")
            .ValidateOnStart();
        authorization.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, AccessGrantHandler>());
        authorization.AddPolicy(policyName, policy =>
        {
            policy.RequireAuthenticatedUser().AddRequirements(new AccessGrantRequirement(policyName));
            more?.Invoke(policy);
        });
    }
#endif
}
#if (sample)

/// <summary>
/// A grant bound from a section such as <c>Authorization:Admin</c>: a user with any of the roles
/// or any of the scopes holds it.
/// </summary>
public sealed class AccessGrant
{
    /// <summary>Roles that grant access (the token's <c>role</c> or <c>roles</c> claims, Identity's roles).</summary>
    public IReadOnlyList<string> Roles { get; set; } = [];

    /// <summary>Scopes that grant access (the token's space-separated <c>scope</c> or <c>scp</c> claim).</summary>
    public IReadOnlyList<string> Scopes { get; set; } = [];

    /// <summary>Whether a user holds one of the roles or scopes.</summary>
    /// <param name="user">The signed-in user.</param>
    /// <returns>Whether the grant is the user's.</returns>
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

/// <summary>Grants a policy's <see cref="AccessGrantRequirement"/> to the users its <see cref="AccessGrant"/> names.</summary>
internal sealed class AccessGrantHandler(IOptionsMonitor<AccessGrant> grants) : AuthorizationHandler<AccessGrantRequirement>
{
    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessGrantRequirement requirement)
    {
        if (grants.Get(requirement.PolicyName).IsGrantedTo(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The requirement of a grant policy.</summary>
/// <param name="PolicyName">The policy, which names its <see cref="AccessGrant"/>.</param>
internal sealed record AccessGrantRequirement(string PolicyName) : IAuthorizationRequirement;
#endif
