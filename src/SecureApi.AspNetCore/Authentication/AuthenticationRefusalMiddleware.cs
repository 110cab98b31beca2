using SecureApi.AspNetCore.Audit;
using SecureApi.AspNetCore.Diagnostics;

namespace SecureApi.AspNetCore.Authentication;

/// <summary>
/// Counts the requests answered 401 (<see cref="ApiSecurityMetrics.AuthenticationFailures"/>),
/// whoever answered them: the authorization middleware's challenge for missing or bad
/// credentials, or an endpoint's own, such as a failed sign-in; and audits them, and the 403
/// answers to signed-in users (<see cref="ApiAuditEvent"/>).
/// </summary>
internal sealed class AuthenticationRefusalMiddleware(RequestDelegate next, SecurityMetrics metrics, AuditTrail audit)
{
    public Task InvokeAsync(HttpContext context)
    {
        var pipeline = next(context);
        if (!pipeline.IsCompletedSuccessfully)
        {
            return CountWhenDoneAsync(pipeline, context);
        }

        Count(context);
        return Task.CompletedTask;
    }

    private async Task CountWhenDoneAsync(Task pipeline, HttpContext context)
    {
        await pipeline;
        Count(context);
    }

    private void Count(HttpContext context)
    {
        var status = context.Response.StatusCode;
        if (status == StatusCodes.Status401Unauthorized)
        {
            metrics.AuthenticationFailed(context);
        }
        else if (status != StatusCodes.Status403Forbidden || context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        // An endpoint that audited its own outcome (a failed sign-in) is not audited twice.
        if (!AuditTrail.HasAudited(context))
        {
            audit.Write(context, status == StatusCodes.Status401Unauthorized ? ApiAuditEvent.Unauthenticated : ApiAuditEvent.Forbidden, account: null);
        }
    }
}
