using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SecureApi.Features.Items;
using SecureApi.Security;

namespace SecureApi.Features.Admin;

/// <summary>
/// Maps the sample of an administrative area under <c>/api/admin</c>, which gets stricter,
/// path-scoped protections than the rest of the API.
/// </summary>
public static class AdminEndpoints
{
    /// <summary>The route prefix of the administrative area.</summary>
    public const string Route = "/api/admin";

    /// <summary>The CORS policy of the administrative area (<c>Cors:Policies:Admin</c>).</summary>
    public const string AdminCorsPolicy = "Admin";

    /// <summary>
    /// Maps <c>GET /api/admin/stats</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>The route group, to add conventions to every administrative endpoint.</returns>
    public static RouteGroupBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Its own, stricter CORS policy: Cors:Policies:Admin lists the origins of the back office only.
        // A role or scope from Authorization:Admin: 401 without a user, 403 without the grant.
        var admin = endpoints.MapGroup(Route).WithTags("Admin")
            .RequireCors(AdminCorsPolicy)
            .RequireAuthorization(AccessPolicies.Admin);

        admin.MapGet("/stats", GetStats).WithName(nameof(GetStats));

        return admin;
    }

    private static Ok<AdminStats> GetStats([FromServices] IItemStore store) => TypedResults.Ok(new AdminStats(store.Count));
}
