using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.Extensions.Options;

namespace SecureApi.Features.Accounts;

/// <summary>
/// Fits ASP.NET Core Identity's API endpoints to a cookie-session API: <c>/login</c> always
/// answers with the session cookie (never a bearer token, so the cookie is the one credential and
/// the antiforgery check always applies), a failed sign-in says the same whatever the reason, a
/// registration of a taken email answers as a new one does (nothing reveals whether an account
/// exists), <c>/refresh</c> of bearer tokens is not served, signing in or out drops the
/// antiforgery cookie, so that the front end fetches a token for the new user, and a password
/// change is audited.
/// </summary>
internal sealed class AccountEndpointFilter(IOptions<AntiforgeryOptions> antiforgery, IHostEnvironment environment) : IEndpointFilter
{
    private static readonly string[] AccountExistsErrors = ["DuplicateUserName", "DuplicateEmail"];

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        var route = (context.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? string.Empty;
        if (route.EndsWith("/refresh", StringComparison.Ordinal))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                detail: "This API signs in with a session cookie only; there are no bearer tokens to refresh.");
        }

        var login = context.Arguments.Count > 1 && context.Arguments[0] is LoginRequest;
        if (login)
        {
            context.Arguments[1] = true; // useCookies
        }

        var result = await next(context);
        var outcome = result is INestedHttpResult nested ? nested.Result : result as IResult;
        if (login && outcome is ProblemHttpResult { StatusCode: StatusCodes.Status401Unauthorized })
        {
            // Identity's detail says LockedOut or NotAllowed, which only an existing account can be.
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Sign-in failed",
                detail: "The email or password is incorrect, or the account cannot sign in right now.");
        }

        if (context.Arguments.FirstOrDefault() is RegisterRequest && outcome is ValidationProblem problem)
        {
            return WithoutAccountExists(problem);
        }

        if (outcome is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
        {
            AuditPasswordChange(context.HttpContext, context.Arguments.FirstOrDefault(argument => argument is InfoRequest or ResetPasswordRequest));
        }

        if ((login && outcome is EmptyHttpResult) || route.Contains("/logout", StringComparison.Ordinal))
        {
            DropAntiforgeryCookie(context.HttpContext);
        }

        return result;
    }

    // A new password set by its signed-in owner (/manage/info) or with a reset code (/resetPassword).
    private static void AuditPasswordChange(HttpContext context, object? request)
    {
        if (request is InfoRequest { NewPassword: not null })
        {
            context.AuditSecurityEvent(ApiAuditEvent.PasswordChanged);
        }
        else if (request is ResetPasswordRequest reset)
        {
            context.AuditSecurityEvent(ApiAuditEvent.PasswordChanged, reset.Email);
        }
    }

    private static IResult WithoutAccountExists(ValidationProblem problem)
    {
        var errors = problem.ProblemDetails.Errors
            .Where(error => !AccountExistsErrors.Contains(error.Key, StringComparer.Ordinal))
            .ToDictionary(error => error.Key, error => error.Value, StringComparer.Ordinal);
        return errors.Count == 0 ? TypedResults.Ok() : TypedResults.ValidationProblem(errors);
    }

    private void DropAntiforgeryCookie(HttpContext context) =>
        context.Response.Cookies.Delete(antiforgery.Value.Cookie.Name!, new CookieOptions
        {
            Path = "/",
            Secure = !environment.IsDevelopment() || context.Request.IsHttps,
            HttpOnly = true,
            SameSite = antiforgery.Value.Cookie.SameSite,
        });
}
