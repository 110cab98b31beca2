using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SecureApi.Tests.Infrastructure;

/// <summary>Clients that hold an antiforgery token pair, as a browser front end does.</summary>
public static class AntiforgeryClient
{
    /// <summary>The header the token goes in.</summary>
    public const string HeaderName = "X-XSRF-TOKEN";

    /// <summary>Creates a client, fetches a token (the cookie lands in its jar) and sends the token on every request.</summary>
    /// <param name="factory">The service.</param>
    /// <returns>The client.</returns>
    public static async Task<HttpClient> CreateAsync(WebApplicationFactory<Program> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);

        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(HeaderName, await FetchTokenAsync(client));
        return client;
    }

    /// <summary>Fetches a token with the client; the cookie lands in the client's cookie jar.</summary>
    /// <param name="client">The client.</param>
    /// <returns>The request token.</returns>
    public static async Task<string> FetchTokenAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);

        var token = await client.GetFromJsonAsync<TokenResponse>("/antiforgery/token");
        return token!.RequestToken;
    }

    private sealed record TokenResponse(string RequestToken, string HeaderName);
}
