namespace SecureApi.Tests.Infrastructure;

/// <summary>Assertions on the CORS headers of a response.</summary>
public static class CorsAssert
{
    /// <summary>Asserts that the response grants the origin, with credentials, and varies by origin.</summary>
    /// <param name="response">The response.</param>
    /// <param name="origin">The origin that must be echoed.</param>
    public static void AllowsOrigin(HttpResponseMessage response, string origin)
    {
        ArgumentNullException.ThrowIfNull(response);

        Assert.Equal(origin, SecurityHeadersAssert.Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", SecurityHeadersAssert.Header(response, "Access-Control-Allow-Credentials"));
        VariesByOrigin(response);
    }

    /// <summary>Asserts that the response carries no <c>Access-Control-Allow-*</c> header at all and varies by origin.</summary>
    /// <param name="response">The response.</param>
    public static void GrantsNothing(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);

        var granted = response.Headers.Concat(response.Content.Headers)
            .Where(header => header.Key.StartsWith("Access-Control-Allow-", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(granted);
        VariesByOrigin(response);
    }

    /// <summary>Asserts that <c>Vary</c> names <c>Origin</c>.</summary>
    /// <param name="response">The response.</param>
    public static void VariesByOrigin(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);

        Assert.Contains("Origin", response.Headers.Vary);
    }
}
