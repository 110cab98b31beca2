using Microsoft.AspNetCore.Mvc;
using SecureApi.AspNetCore.Errors;

namespace SecureApi.AspNetCore.Server;

/// <summary>
/// Refuses TRACE (and IIS's TRACK) with 405 on every route: echoing a request back is only
/// ever useful to someone reading headers they should not see (cross-site tracing).
/// </summary>
internal sealed class TraceRefusalMiddleware(RequestDelegate next, IProblemDetailsService problemDetails)
{
    private const string Track = "TRACK";

    public Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (!HttpMethods.IsTrace(method) && !string.Equals(method, Track, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        return problemDetails.WriteStatusAsync(context, new ProblemDetails
        {
            Status = StatusCodes.Status405MethodNotAllowed,
            Detail = $"{method} is not supported.",
        });
    }
}
