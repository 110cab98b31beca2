namespace SecureApi.AspNetCore.Antiforgery;

/// <summary>The body of <c>GET /antiforgery/token</c>.</summary>
/// <param name="RequestToken">The token to send back in the header.</param>
/// <param name="HeaderName">The header to send it in: <c>X-XSRF-TOKEN</c>.</param>
internal sealed record AntiforgeryTokenResponse(string RequestToken, string HeaderName);
