using SecureApi.AspNetCore.Cors;

namespace SecureApi.AspNetCore.Antiforgery;

/// <summary>
/// Fetch Metadata and Origin checks for state-changing requests, in the decision order of
/// ASP.NET Core 11's cross-origin protection: a trusted <c>Origin</c> (the API's own, or one the
/// endpoint's CORS policy allows) passes; otherwise <c>Sec-Fetch-Site</c> decides (same-origin or
/// none pass, anything else is refused); without it, an <c>Origin</c> that is not the API's own is
/// refused; a request with neither header comes from no browser and passes to the token check.
/// </summary>
internal sealed class CrossSiteRequestCheck(IOriginAllowlist allowlist)
{
    private const string SecFetchSite = "Sec-Fetch-Site";

    /// <summary>Whether the state-changing request may go on to the token check.</summary>
    /// <param name="context">The HTTP context, after routing.</param>
    /// <returns><see langword="true"/> when the request is not a refused cross-site one.</returns>
    public bool IsAllowed(HttpContext context)
    {
        var headers = context.Request.Headers;
        var origin = headers.Origin;
        if (origin.Count == 1 && RequestOrigin.IsTrusted(context, origin.ToString(), allowlist))
        {
            return true;
        }

        var site = headers[SecFetchSite];
        if (site.Count != 0)
        {
            return site.ToString() is "same-origin" or "none";
        }

        return origin.Count == 0;
    }
}
