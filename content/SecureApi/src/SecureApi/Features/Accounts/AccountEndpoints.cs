using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;

namespace SecureApi.Features.Accounts;

/// <summary>
/// Maps the account endpoints under <c>/auth</c>: ASP.NET Core Identity's API
/// (<c>/register</c>, <c>/login</c>, <c>/manage/info</c> and the rest), <c>/logout</c> and
/// <c>/logout/everywhere</c>.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>The route prefix of the account endpoints.</summary>
    public const string Route = "/auth";

    /// <summary>The rate limiting policy of the account endpoints per client (<c>RateLimiting:Policies:Auth</c>).</summary>
    public const string RateLimitPolicy = "Auth";

    /// <summary>
    /// The rate limiting policy per account, counted by the email a sign-in, registration or
    /// password reset names, whoever sends it (<c>RateLimiting:Policies:AuthAccount</c>).
    /// </summary>
    public const string AccountRateLimitPolicy = "AuthAccount";

    /// <summary>
    /// Maps the account endpoints, each a POST that needs the antiforgery token like every other
    /// write, all under the strict <c>Auth</c> rate limit per client, and those that name an account
    /// under <c>AuthAccount</c> per account too (with Identity's lockout behind it): a guesser
    /// spread over many addresses still meets the limit of the one account.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // The per-account limits come first: a refused request never reaches the account filter.
        var accounts = endpoints.MapGroup(Route).WithTags("Accounts")
            .RequireRateLimiting(RateLimitPolicy)
            .RequireRateLimitingPer(AccountRateLimitPolicy, (LoginRequest login) => login.Email)
            .RequireRateLimitingPer(AccountRateLimitPolicy, (RegisterRequest registration) => registration.Email)
            .RequireRateLimitingPer(AccountRateLimitPolicy, (ForgotPasswordRequest reset) => reset.Email)
            .RequireRateLimitingPer(AccountRateLimitPolicy, (ResendConfirmationEmailRequest resend) => resend.Email)
            .AddEndpointFilter<AccountEndpointFilter>();
        accounts.MapIdentityApi<IdentityUser>();
        accounts.MapPost("/logout", LogOut).WithName(nameof(LogOut));
        accounts.MapPost("/logout/everywhere", LogOutEverywhere).WithName(nameof(LogOutEverywhere)).RequireAuthorization();

        // Registering, signing in and out, and resetting a password are for anonymous callers;
        // Identity's /manage endpoints keep the signed-in user they ask for.
        ((IEndpointConventionBuilder)accounts).Finally(endpoint =>
        {
            if (!endpoint.Metadata.OfType<IAuthorizeData>().Any())
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
        });

        return accounts;
    }

    // Removes this session from the server: a copy of its cookie is worthless from now on.
    private static async Task<NoContent> LogOut(SignInManager<IdentityUser> signIn)
    {
        signIn.Context.AuditSecurityEvent(ApiAuditEvent.SignedOut);
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    // A new security stamp ends every other session of the user on their next request, as a
    // password change does; this one ends here.
    private static async Task<NoContent> LogOutEverywhere(ClaimsPrincipal user, SignInManager<IdentityUser> signIn)
    {
        if (await signIn.UserManager.GetUserAsync(user) is { } account)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(account);
        }

        signIn.Context.AuditSecurityEvent(ApiAuditEvent.SignedOut);
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }
}
