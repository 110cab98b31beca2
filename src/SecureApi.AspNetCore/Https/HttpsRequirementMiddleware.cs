using Microsoft.AspNetCore.Mvc;
using SecureApi.AspNetCore.Diagnostics;
using SecureApi.AspNetCore.Errors;

namespace SecureApi.AspNetCore.Https;

/// <summary>
/// Refuses requests that did not arrive over HTTPS (directly, or per <c>X-Forwarded-Proto</c>
/// from a trusted proxy) with 400. An API is not redirected: a client that sent a token or a
/// body over plain HTTP has already leaked it, and a redirect would hide the bug.
/// </summary>
internal sealed class HttpsRequirementMiddleware(RequestDelegate next, IProblemDetailsService problemDetails, SecurityMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.IsHttps || context.GetEndpoint()?.Metadata.GetMetadata<AllowPlainHttpMetadata>() is not null)
        {
            return next(context);
        }

        metrics.HttpsRefused();
        return problemDetails.WriteStatusAsync(context, new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ApiProblemTypes.HttpsRequired,
            Title = "HTTPS required",
            Detail = "This API accepts requests over HTTPS only. Send the request to its https:// address.",
        });
    }
}
