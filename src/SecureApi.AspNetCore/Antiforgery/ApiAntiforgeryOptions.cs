namespace SecureApi.AspNetCore.Antiforgery;

/// <summary>
/// Antiforgery settings, bound from the <c>Antiforgery</c> section. The token pair is a cookie
/// (<see cref="CookieName"/>, HttpOnly, Secure, Path=/) and a request token that the front end
/// sends back in the <see cref="HeaderName"/> header of every state-changing request.
/// </summary>
public sealed class ApiAntiforgeryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Antiforgery";

    /// <summary>
    /// The cookie's name. The <c>__Host-</c> prefix makes browsers refuse it unless it is Secure,
    /// has Path=/ and no Domain, so a subdomain cannot plant or overwrite it.
    /// </summary>
    public const string CookieName = "__Host-XSRF";

    /// <summary>
    /// The cookie's name in Development, where <c>dotnet run</c> serves plain HTTP: a cookie that is
    /// not Secure may not carry the <c>__Host-</c> prefix.
    /// </summary>
    public const string DevelopmentCookieName = "XSRF";

    /// <summary>The request header that carries the request token.</summary>
    public const string HeaderName = "X-XSRF-TOKEN";

    /// <summary>
    /// The cookie's SameSite mode (<c>Antiforgery:SameSite</c>): <c>Strict</c> by default; <c>Lax</c>;
    /// <c>None</c> only for front ends on another site (the cookie is always Secure).
    /// </summary>
    public SameSiteMode SameSite { get; set; } = SameSiteMode.Strict;
}
