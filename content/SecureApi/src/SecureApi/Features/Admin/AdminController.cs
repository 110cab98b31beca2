using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using SecureApi.Features.Items;
using SecureApi.Security;

namespace SecureApi.Features.Admin;

/// <summary>
/// The sample of an administrative area under <c>/api/admin</c>, which gets stricter protections
/// than the rest of the API.
/// </summary>
/// <param name="store">The items, to count.</param>
[ApiController]
[Route(Route)]
[Tags("Admin")]
// Its own, stricter CORS policy: Cors:Policies:Admin lists the origins of the back office only.
[EnableCors(AdminCorsPolicy)]
// A role or scope from Authorization:Admin: 401 without a user, 403 without the grant.
[Authorize(Policy = AccessPolicies.Admin)]
public sealed class AdminController(IItemStore store) : ControllerBase
{
    /// <summary>The route prefix of the administrative area.</summary>
    public const string Route = "api/admin";

    /// <summary>The CORS policy of the administrative area (<c>Cors:Policies:Admin</c>).</summary>
    public const string AdminCorsPolicy = "Admin";

    /// <summary>Figures about the service for its operators.</summary>
    /// <response code="200">The figures.</response>
    [HttpGet("stats", Name = nameof(GetStats))]
    [ProducesResponseType<AdminStats>(StatusCodes.Status200OK, "application/json")]
    public ActionResult<AdminStats> GetStats() => new AdminStats(store.Count);
}
