namespace SecureApi.Tests.Infrastructure;

/// <summary>
/// Assertions on the security headers the contract requires on every response.
/// </summary>
public static class SecurityHeadersAssert
{
    /// <summary>The API-strict content security policy.</summary>
    public const string StrictContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// Asserts that every header of the API-strict policy is present with its exact value, that
    /// the response may not be stored, and that nothing names the server's software.
    /// </summary>
    /// <param name="response">The response to check.</param>
    /// <param name="contentSecurityPolicy">The content security policy expected.</param>
    public static void HasApiSecurityHeaders(HttpResponseMessage response, string contentSecurityPolicy = StrictContentSecurityPolicy)
    {
        ArgumentNullException.ThrowIfNull(response);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal(contentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Resource-Policy"));
        var permissions = Header(response, "Permissions-Policy");
        Assert.Contains("camera=()", permissions, StringComparison.Ordinal);
        Assert.Contains("geolocation=()", permissions, StringComparison.Ordinal);
        Assert.Contains("microphone=()", permissions, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, "responses must not be stored");
        Assert.False(response.Headers.Contains("Server"), "the Server header helps fingerprinting");
        Assert.False(response.Headers.Contains("X-Powered-By"), "the X-Powered-By header helps fingerprinting");
    }

    /// <summary>The single value of a response header (content headers included).</summary>
    /// <param name="response">The response.</param>
    /// <param name="name">The header's name.</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    public static string? Header(HttpResponseMessage response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);

        return response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? Assert.Single(values)
            : null;
    }
}
