using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using SecureApi.AspNetCore.Diagnostics;
using SecureApi.AspNetCore.Errors;

namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// Applies the endpoint's CORS policy. Allowed origins get their exact origin echoed with
/// credentials; denied ones get no <c>Access-Control-Allow-*</c> header at all, a 403 for a
/// preflight, and a 403 before any handler for a state-changing request, because CORS only hides
/// responses from scripts: a simple cross-site POST would otherwise still execute.
/// </summary>
internal sealed class CorsAllowlistMiddleware(
    RequestDelegate next,
    CorsPolicyCatalog policies,
    IOriginAllowlist allowlist,
    BlockedOriginLog blockedOrigins,
    IProblemDetailsService problemDetails,
    SecurityMetrics metrics)
{
    private static readonly StringValues True = "true";
    private static readonly StringValues OriginVary = HeaderNames.Origin;
    private static readonly StringValues PreflightVary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var origin = request.Headers.Origin;
        var preflight = HttpMethods.IsOptions(request.Method) && request.Headers.AccessControlRequestMethod.Count != 0;
        // Whatever the origin, what this response says about CORS depends on it: caches must know.
        AddVary(response.Headers, preflight ? PreflightVary : OriginVary);

        if (origin.Count == 0 || RequestOrigin.IsSameOrigin(origin.ToString(), request))
        {
            return next(context);
        }

        var originValue = origin.ToString();
        var policy = policies.Get(RequestOrigin.PolicyName(context));
        var allowed = origin.Count == 1 && allowlist.IsAllowed(policy.Name, originValue);
        if (!allowed)
        {
            blockedOrigins.Blocked(context, originValue);
            metrics.CorsDenied(policy.Name, preflight ? "preflight" : SafeMethods.Contains(request.Method) ? "read" : "write");
        }

        if (preflight)
        {
            var headers = request.Headers;
            return allowed && policy.Grants(headers.AccessControlRequestMethod.ToString(), headers.AccessControlRequestHeaders)
                ? AnswerPreflight(response, policy, originValue)
                : RefuseAsync(context, "The preflight request was not granted: its origin, method or headers are outside this endpoint's CORS policy.");
        }

        if (!allowed)
        {
            return !SafeMethods.Contains(request.Method)
                ? RefuseAsync(context, "Cross-origin requests from this origin may not change anything. Send it from an allowed origin.")
                : next(context);
        }

        WriteAllowedOrigin(response.Headers, policy, originValue);
        response.Headers.AccessControlExposeHeaders = policy.ExposeHeadersValue;
        return next(context);
    }

    private static void AddVary(IHeaderDictionary headers, StringValues value) =>
        headers.Vary = headers.Vary.Count == 0 ? value : StringValues.Concat(headers.Vary, value);

    private static Task AnswerPreflight(HttpResponse response, CompiledCorsPolicy policy, string origin)
    {
        var headers = response.Headers;
        WriteAllowedOrigin(headers, policy, origin);
        headers.AccessControlAllowMethods = policy.AllowMethodsValue;
        headers.AccessControlAllowHeaders = policy.AllowHeadersValue;
        headers.AccessControlMaxAge = policy.MaxAgeValue;
        response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static void WriteAllowedOrigin(IHeaderDictionary headers, CompiledCorsPolicy policy, string origin)
    {
        headers.AccessControlAllowOrigin = policy.Origins.AllowsAny && !policy.AllowCredentials ? "*" : origin;
        if (policy.AllowCredentials)
        {
            headers.AccessControlAllowCredentials = True;
        }
    }

    private Task RefuseAsync(HttpContext context, string detail) =>
        problemDetails.WriteStatusAsync(context, new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Type = ApiProblemTypes.OriginNotAllowed,
            Title = "Origin not allowed",
            Detail = detail,
        });
}
