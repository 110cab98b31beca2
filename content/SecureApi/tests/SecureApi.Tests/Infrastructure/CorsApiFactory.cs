using Microsoft.AspNetCore.Hosting;

namespace SecureApi.Tests.Infrastructure;

/// <summary>
/// The service with a CORS allowlist, set as an operator would in Production: an exact origin and
/// a wildcard for the default policy, and the back office's origin for the <c>Admin</c> policy.
/// </summary>
public sealed class CorsApiFactory : ApiFactory
{
    /// <summary>An origin the default policy allows exactly.</summary>
    public const string AllowedOrigin = "https://app.example.com";

    /// <summary>An origin the default policy allows through <c>https://*.example.net</c>.</summary>
    public const string WildcardOrigin = "https://shop.eu.example.net";

    /// <summary>The origin only the Admin policy allows.</summary>
    public const string AdminOrigin = "https://admin.example.com";

    /// <summary>An origin nothing allows.</summary>
    public const string DeniedOrigin = "https://evil.example";

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Cors:AllowedOrigins", $"{AllowedOrigin},https://*.example.net");
        builder.UseSetting("Cors:Policies:Admin:AllowedOrigins", AdminOrigin);
    }

    /// <summary>Sends a request with an <c>Origin</c> header, as a browser would.</summary>
    /// <param name="client">The client.</param>
    /// <param name="method">The method.</param>
    /// <param name="path">The path.</param>
    /// <param name="origin">The <c>Origin</c> header.</param>
    /// <param name="configure">Anything else to set on the request.</param>
    /// <returns>The response.</returns>
    public static async Task<HttpResponseMessage> SendFromAsync(
        HttpClient client, HttpMethod method, string path, string origin, Action<HttpRequestMessage>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", origin);
        configure?.Invoke(request);
        return await client.SendAsync(request);
    }

    /// <summary>Sends a CORS preflight.</summary>
    /// <param name="client">The client.</param>
    /// <param name="path">The path.</param>
    /// <param name="origin">The <c>Origin</c> header.</param>
    /// <param name="method">The method the preflight asks for.</param>
    /// <param name="headers">The headers the preflight asks for, if any.</param>
    /// <returns>The response.</returns>
    public static Task<HttpResponseMessage> PreflightAsync(
        HttpClient client, string path, string origin, string method, string? headers = null) =>
        SendFromAsync(client, HttpMethod.Options, path, origin, request =>
        {
            request.Headers.Add("Access-Control-Request-Method", method);
            if (headers is not null)
            {
                request.Headers.Add("Access-Control-Request-Headers", headers);
            }
        });
}
