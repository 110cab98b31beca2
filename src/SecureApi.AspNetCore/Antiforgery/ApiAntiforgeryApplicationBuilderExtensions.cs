using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using SecureApi.AspNetCore.Antiforgery;
using SecureApi.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The antiforgery token endpoint and the check of state-changing requests.
/// </summary>
public static class ApiAntiforgeryApplicationBuilderExtensions
{
    /// <summary>The route of the token endpoint.</summary>
    public const string TokenRoute = "/antiforgery/token";

    /// <summary>
    /// Refuses cross-site state-changing requests (Fetch Metadata, Origin), then requires a valid
    /// token on every POST, PUT, PATCH and DELETE to an endpoint that has not opted out with
    /// <c>.DisableAntiforgery()</c>. Call it after CORS.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder, for chaining.</returns>
    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.EnsureAdded<CrossSiteRequestCheck>("services.AddApiAntiforgery()");

        return app.UseMiddleware<AntiforgeryValidationMiddleware>();
    }

    /// <summary>
    /// Maps <c>GET /antiforgery/token</c>: it sets the token cookie and answers
    /// <c>{"requestToken": "...", "headerName": "X-XSRF-TOKEN"}</c>, never cached. It allows
    /// anonymous callers, whatever the fallback authorization policy: a sign-in needs a token first.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>A builder to add conventions (a rate limiting policy, say) to the endpoint.</returns>
    public static RouteHandlerBuilder MapAntiforgeryTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        return endpoints.MapGet(TokenRoute, IssueToken).WithTags("Antiforgery").WithName("GetAntiforgeryToken").AllowAnonymous();
    }

    private static Results<Ok<AntiforgeryTokenResponse>, ProblemHttpResult> IssueToken(
        HttpContext context, IAntiforgery antiforgery, ILoggerFactory loggers)
    {
        // The security headers' Cache-Control would make the framework warn on every call that it
        // overrides it; it sets its own no-cache, and no-store follows below.
        context.Response.Headers.Remove(HeaderNames.CacheControl);
        AntiforgeryTokenSet tokens;
        try
        {
            tokens = antiforgery.GetAndStoreTokens(context);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The key ring cannot be read (its shared store is down and this instance has not
            // read it yet): a token made with another key would be refused by the other instances.
            AntiforgeryLog.KeyRingUnavailable(loggers.CreateLogger(typeof(AntiforgeryLog).FullName!), exception.GetType().Name);
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                type: ApiProblemTypes.KeyRingUnavailable,
                title: "Service unavailable",
                detail: "Antiforgery tokens cannot be issued right now; retry after 5 seconds.");
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AntiforgeryTokenResponse(tokens.RequestToken!, ApiAntiforgeryOptions.HeaderName));
    }
}
