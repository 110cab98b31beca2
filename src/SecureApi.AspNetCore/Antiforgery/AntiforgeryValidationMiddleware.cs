using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Errors;

namespace SecureApi.AspNetCore.Antiforgery;

/// <summary>
/// Requires a valid antiforgery token (the <c>X-XSRF-TOKEN</c> header plus its cookie) on every
/// POST, PUT, PATCH and DELETE to an endpoint, JSON requests included, after refusing cross-site
/// requests by their Fetch Metadata and Origin. The in-box <c>UseAntiforgery</c> is not enough: it
/// validates form-bound endpoints only and never short-circuits a request itself.
/// Endpoints that browsers never call opt out in code with <c>.DisableAntiforgery()</c>.
/// </summary>
internal sealed class AntiforgeryValidationMiddleware(
    RequestDelegate next,
    IAntiforgery antiforgery,
    IOptions<AntiforgeryOptions> options,
    CrossSiteRequestCheck crossSite,
    IProblemDetailsService problemDetails,
    ILogger<AntiforgeryValidationMiddleware> logger)
{
    private readonly string _cookieName = options.Value.Cookie.Name!;

    public Task InvokeAsync(HttpContext context)
    {
        if (SafeMethods.Contains(context.Request.Method)
            || context.GetEndpoint() is not RouteEndpoint endpoint
            || endpoint.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: false })
        {
            return next(context);
        }

        return ValidateAsync(context);
    }

    private async Task ValidateAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        if (!crossSite.IsAllowed(context))
        {
            AntiforgeryLog.CrossSiteRefused(logger, request.Method, path, request.Headers["Sec-Fetch-Site"].ToString(), request.Headers.Origin.ToString());
            await problemDetails.WriteStatusAsync(context, AntiforgeryProblems.CrossSite());
            return;
        }

        if (!request.Headers.ContainsKey(ApiAntiforgeryOptions.HeaderName) || !request.Cookies.ContainsKey(_cookieName))
        {
            AntiforgeryLog.TokenMissing(logger, request.Method, path);
            await problemDetails.WriteStatusAsync(context, AntiforgeryProblems.Missing());
            return;
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            AntiforgeryLog.TokenInvalid(logger, request.Method, path);
            await problemDetails.WriteStatusAsync(context, AntiforgeryProblems.Invalid());
            return;
        }

        await next(context);
    }
}
