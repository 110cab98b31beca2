using System.Net.Http.Json;
#if (AuthIdentity)
using Microsoft.AspNetCore.Identity;
#endif
using Microsoft.AspNetCore.Mvc.Testing;
#if (AuthIdentity)
using Microsoft.Extensions.DependencyInjection;
#endif

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
        var client = await CreateWithoutHeaderAsync(factory);
        client.DefaultRequestHeaders.Add(HeaderName, await FetchTokenAsync(client));
        return client;
    }

    /// <summary>
    /// Creates a client that holds the antiforgery cookie, as every browser that fetched a token
    /// does, but sends no token header: the request a forging page makes.
    /// </summary>
    /// <param name="factory">The service.</param>
    /// <returns>The client.</returns>
    public static async Task<HttpClient> CreateWithoutHeaderAsync(WebApplicationFactory<Program> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);

        var client = factory.CreateClient();
#if (AuthIdentity)
        await SignInAsync(client, await CreateAdminAsync(factory));
#endif
        await FetchTokenAsync(client);
        return client;
    }
#if (AuthIdentity)

    /// <summary>The password the test users are registered with.</summary>
    public const string Password = "correct horse battery staple";

    /// <summary>The role that grants the administrative area (<c>Authorization:Admin:Roles</c>).</summary>
    public const string AdminRole = "admin";

    /// <summary>Creates an account with the admin role directly in the user store, as an operator's tooling would.</summary>
    /// <param name="factory">The service.</param>
    /// <returns>The account's email.</returns>
    public static async Task<string> CreateAdminAsync(WebApplicationFactory<Program> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);

        var email = $"admin-{Guid.NewGuid():N}@example.com";
        await using var scope = factory.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(AdminRole))
        {
            await roles.CreateAsync(new IdentityRole(AdminRole));
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, AdminRole)).Succeeded);
        return email;
    }

    /// <summary>
    /// Registers an account and signs in with it over a client that keeps no cookies, as a
    /// front end would: the cookies are returned for the <c>Cookie</c> header, with a token of the
    /// signed-in user.
    /// </summary>
    /// <param name="client">A client that keeps no cookies.</param>
    /// <param name="email">The account (by default a new one); signing in again with it opens another session.</param>
    /// <returns>The <c>Cookie</c> header and the request token.</returns>
    public static async Task<(string Cookies, string Token)> SignInWithoutCookieJarAsync(HttpClient client, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(client);

        var (antiforgeryCookie, token) = await TokenWithCookieAsync(client, cookies: null);
        email ??= $"user-{Guid.NewGuid():N}@example.com";
        string? session = null;
        foreach (var route in new[] { "/auth/register", "/auth/login" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(new { email, password = Password }) };
            request.Headers.Add("Cookie", antiforgeryCookie);
            request.Headers.Add(HeaderName, token);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            session = CookieOf(response, "__Host-Session") ?? session;
        }

        var (freshCookie, freshToken) = await TokenWithCookieAsync(client, session);
        return ($"{session}; {freshCookie}", freshToken);
    }

    private static async Task<(string Cookie, string Token)> TokenWithCookieAsync(HttpClient client, string? cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/antiforgery/token");
        if (cookies is not null)
        {
            request.Headers.Add("Cookie", cookies);
        }

        using var response = await client.SendAsync(request);
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.RequestToken;
        return (CookieOf(response, "__Host-XSRF")!, token);
    }

    private static string? CookieOf(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(cookie => cookie.Split(';')[0]).FirstOrDefault(cookie => cookie.StartsWith(name + "=", StringComparison.Ordinal) && cookie.Length > name.Length + 1)
            : null;

    /// <summary>
    /// Registers an account and signs in with it, as a front end does: each POST with a token, and
    /// the session cookie lands in the client's jar. Signing in drops the antiforgery cookie, so a
    /// token fetched afterwards is the new user's.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="email">The account's email.</param>
    /// <returns>A task that completes when the client is signed in.</returns>
    public static async Task SignInAsync(HttpClient client, string email)
    {
        ArgumentNullException.ThrowIfNull(client);

        var token = await FetchTokenAsync(client);
        foreach (var route in new[] { "/auth/register", "/auth/login" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(new { email, password = Password }) };
            request.Headers.Add(HeaderName, token);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
    }
#endif

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
