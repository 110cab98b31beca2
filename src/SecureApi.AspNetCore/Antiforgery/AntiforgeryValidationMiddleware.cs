using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Diagnostics;
using SecureApi.AspNetCore.Errors;

namespace SecureApi.AspNetCore.Antiforgery;

/// <summary>
/// Requires a valid antiforgery token (the <c>X-XSRF-TOKEN</c> header plus its cookie) on every
/// POST, PUT, PATCH and DELETE to an endpoint, JSON requests included, after refusing cross-site
/// requests by their Fetch Metadata and Origin. The in-box <c>UseAntiforgery</c> is not enough: it
/// validates form-bound endpoints only and never short-circuits a request itself.
/// Endpoints that browsers never call opt out in code with <c>.DisableAntiforgery()</c>, and a
/// request authenticated by an <c>Authorization: Bearer</c> token that carries no cookie needs no
/// token: it has no ambient credential to forge.
/// </summary>
internal sealed class AntiforgeryValidationMiddleware(
    RequestDelegate next,
    IServiceProvider services,
    IOptions<AntiforgeryOptions> options,
    CrossSiteRequestCheck crossSite,
    IProblemDetailsService problemDetails,
    ILogger<AntiforgeryValidationMiddleware> logger,
    SecurityMetrics metrics,
    TimeProvider time)
{
    private readonly string _cookieName = options.Value.Cookie.Name!;

    // Resolved by the first write that needs a token, not when the pipeline is built: it brings up
    // Data Protection, which a new instance's first answers (reads, refusals) do not need.
    private IAntiforgery? _antiforgery;

    // Forged writes come at whatever rate the attacker sends them.
    private readonly LogThrottle _throttle = new(time);

    public Task InvokeAsync(HttpContext context)
    {
        if (SafeMethods.Contains(context.Request.Method)
            || context.GetEndpoint() is not RouteEndpoint endpoint
            || endpoint.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: false }
            || IsAuthenticatedByBearerTokenAlone(context))
        {
            return next(context);
        }

        return ValidateAsync(context);
    }

    // A bearer token is sent by code that holds it, never by a browser on its own: with no cookie
    // at all, the request carries no ambient credential for another site to ride on. Any cookie
    // (the antiforgery one, a session) brings the check back.
    private static bool IsAuthenticatedByBearerTokenAlone(HttpContext context) =>
        context.Features.Get<IHttpAuthenticationFeature>()?.User is { Identity.IsAuthenticated: true }
        && !context.Request.Headers.ContainsKey(HeaderNames.Cookie)
        && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private async Task ValidateAsync(HttpContext context)
    {
        var request = context.Request;
        if (!crossSite.IsAllowed(context))
        {
            metrics.CrossSiteRefused(request.Headers["Sec-Fetch-Site"].ToString());
            if (MayLog())
            {
                AntiforgeryLog.CrossSiteRefused(
                    logger,
                    LogValue.Sanitize(request.Method),
                    LogValue.Sanitize(request.Path.Value),
                    LogValue.Sanitize(request.Headers["Sec-Fetch-Site"].ToString()),
                    LogValue.Sanitize(request.Headers.Origin.ToString()));
            }

            await problemDetails.WriteStatusAsync(context, AntiforgeryProblems.CrossSite());
            return;
        }

        if (!request.Headers.ContainsKey(ApiAntiforgeryOptions.HeaderName) || !request.Cookies.ContainsKey(_cookieName))
        {
            metrics.AntiforgeryFailed("token_missing");
            if (logger.IsEnabled(LogLevel.Information) && MayLog())
            {
                var (method, path) = (LogValue.Sanitize(request.Method), LogValue.Sanitize(request.Path.Value));
                AntiforgeryLog.TokenMissing(logger, method, path);
            }

            await problemDetails.WriteStatusAsync(context, AntiforgeryProblems.Missing());
            return;
        }

        if (!await (_antiforgery ??= services.GetRequiredService<IAntiforgery>()).IsRequestValidAsync(context))
        {
            metrics.AntiforgeryFailed("token_invalid");
            if (MayLog())
            {
                AntiforgeryLog.TokenInvalid(logger, LogValue.Sanitize(request.Method), LogValue.Sanitize(request.Path.Value));
            }

            await problemDetails.WriteStatusAsync(context, AntiforgeryProblems.Invalid());
            return;
        }

        await next(context);
    }

    private bool MayLog()
    {
        if (!_throttle.TryTake(out var suppressedBefore))
        {
            return false;
        }

        if (suppressedBefore > 0)
        {
            AntiforgeryLog.RefusalsSuppressed(logger, suppressedBefore, LogThrottle.WindowSeconds);
        }

        return true;
    }
}
