using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using SecureApi.Features.Accounts;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps the account endpoints under <c>/auth</c>: ASP.NET Core Identity's API
/// (<c>/register</c>, <c>/login</c>, <c>/manage/info</c> and the rest) and <c>/logout</c>.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>The route prefix of the account endpoints.</summary>
    public const string Route = "/auth";

    /// <summary>The rate limiting policy of the account endpoints (<c>RateLimiting:Policies:Auth</c>).</summary>
    public const string RateLimitPolicy = "Auth";

    /// <summary>
    /// Maps the account endpoints, each a POST that needs the antiforgery token like every other
    /// write, all under the strict <c>Auth</c> rate limit per client (with Identity's lockout per
    /// account behind it).
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var accounts = endpoints.MapGroup(Route).WithTags("Accounts")
            .RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter<AccountEndpointFilter>();
        accounts.MapIdentityApi<IdentityUser>();
        accounts.MapPost("/logout", LogOut).WithName(nameof(LogOut));

        return accounts;
    }

    private static async Task<NoContent> LogOut(SignInManager<IdentityUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }
}
