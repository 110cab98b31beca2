using Microsoft.AspNetCore.Mvc;

namespace SecureApi.AspNetCore.Antiforgery;

/// <summary>
/// The problems an antiforgery check answers with, each with a stable <c>type</c> a front end can
/// act on (fetch a new token, or stop).
/// </summary>
internal static class AntiforgeryProblems
{
    /// <summary>The type of a request without the token header or without the cookie.</summary>
    public const string MissingType = "urn:problem-type:antiforgery-token-missing";

    /// <summary>The type of a request whose token does not verify against the cookie.</summary>
    public const string InvalidType = "urn:problem-type:antiforgery-token-invalid";

    /// <summary>The type of a cross-site request refused by its Fetch Metadata or Origin.</summary>
    public const string CrossSiteType = "urn:problem-type:cross-site-request";

    /// <summary>The type of the 503 when no token can be issued because the key ring cannot be read.</summary>
    public const string KeyRingUnavailableType = "urn:problem-type:key-ring-unavailable";

    /// <summary>A token header or cookie is missing.</summary>
    /// <returns>The problem.</returns>
    public static ProblemDetails Missing() => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Type = MissingType,
        Title = "Antiforgery token missing",
        Detail = $"Get a token from GET /antiforgery/token and send it in the {ApiAntiforgeryOptions.HeaderName} header, with the cookie it sets.",
    };

    /// <summary>The token does not verify.</summary>
    /// <returns>The problem.</returns>
    public static ProblemDetails Invalid() => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Type = InvalidType,
        Title = "Antiforgery token invalid",
        Detail = "The antiforgery token does not match its cookie. Get a new one from GET /antiforgery/token.",
    };

    /// <summary>The request came from another site.</summary>
    /// <returns>The problem.</returns>
    public static ProblemDetails CrossSite() => new()
    {
        Status = StatusCodes.Status403Forbidden,
        Type = CrossSiteType,
        Title = "Cross-site request refused",
        Detail = "State-changing requests from other sites are accepted from allowed origins only.",
    };
}
