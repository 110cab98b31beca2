using Microsoft.AspNetCore.Mvc;

namespace SecureApi.AspNetCore.Antiforgery;

/// <summary>
/// The problems an antiforgery check answers with, each with a stable <c>type</c> a front end can
/// act on (fetch a new token, or stop).
/// </summary>
internal static class AntiforgeryProblems
{
    /// <summary>A token header or cookie is missing.</summary>
    /// <returns>The problem.</returns>
    public static ProblemDetails Missing() => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Type = ApiProblemTypes.AntiforgeryTokenMissing,
        Title = "Antiforgery token missing",
        Detail = $"Get a token from GET /antiforgery/token and send it in the {ApiAntiforgeryOptions.HeaderName} header, with the cookie it sets.",
    };

    /// <summary>The token does not verify.</summary>
    /// <returns>The problem.</returns>
    public static ProblemDetails Invalid() => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Type = ApiProblemTypes.AntiforgeryTokenInvalid,
        Title = "Antiforgery token invalid",
        Detail = "The antiforgery token does not match its cookie. Get a new one from GET /antiforgery/token.",
    };

    /// <summary>The request came from another site.</summary>
    /// <returns>The problem.</returns>
    public static ProblemDetails CrossSite() => new()
    {
        Status = StatusCodes.Status403Forbidden,
        Type = ApiProblemTypes.CrossSiteRequest,
        Title = "Cross-site request refused",
        Detail = "State-changing requests from other sites are accepted from allowed origins only.",
    };
}
