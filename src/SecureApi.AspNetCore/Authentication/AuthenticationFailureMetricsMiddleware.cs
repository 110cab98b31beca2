using SecureApi.AspNetCore.Diagnostics;

namespace SecureApi.AspNetCore.Authentication;

/// <summary>
/// Counts the requests answered 401 (<see cref="ApiSecurityMetrics.AuthenticationFailures"/>),
/// whoever answered them: the authorization middleware's challenge for missing or bad
/// credentials, or an endpoint's own, such as a failed sign-in.
/// </summary>
internal sealed class AuthenticationFailureMetricsMiddleware(RequestDelegate next, SecurityMetrics metrics)
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
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            metrics.AuthenticationFailed(context);
        }
    }
}
