using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SecureApi.AspNetCore.Tests.Infrastructure;

/// <summary>
/// An antiforgery cookie and request token fetched from one instance, to present to another, as a
/// browser does when a load balancer sends its next request elsewhere.
/// </summary>
/// <param name="Cookie">The cookie, as the <c>Cookie</c> header carries it.</param>
/// <param name="Token">The request token.</param>
public sealed record AntiforgeryTokenPair(string Cookie, string Token)
{
    /// <summary>Fetches a pair from an instance.</summary>
    /// <param name="instance">The instance that issues it.</param>
    /// <returns>The pair.</returns>
    public static async Task<AntiforgeryTokenPair> FetchAsync(WebApplicationFactory<Program> instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        using var client = instance.CreateClient();
        using var response = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.RequestToken;
        return new AntiforgeryTokenPair(response.Headers.GetValues("Set-Cookie").Single().Split(';')[0], token);
    }

    /// <summary>Sends <c>POST /test/echo</c> with the pair to an instance.</summary>
    /// <param name="instance">The instance that checks it.</param>
    /// <returns>The response.</returns>
    public async Task<HttpResponseMessage> WriteAsync(WebApplicationFactory<Program> instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        using var client = instance.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ApiFactory.HttpsAddress, HandleCookies = false });
        using var write = new HttpRequestMessage(HttpMethod.Post, "/test/echo") { Content = JsonContent.Create(new { text = "hello" }) };
        write.Headers.Add("Cookie", Cookie);
        write.Headers.Add(AntiforgeryClient.HeaderName, Token);
        return await client.SendAsync(write);
    }

    private sealed record TokenResponse(string RequestToken);
}
