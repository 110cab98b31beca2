using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Accounts;

/// <summary>
/// Sessions end on the server: a cookie copied before a logout, a "sign out everywhere" or a
/// password change is a 401 afterwards, as an attacker who stole it would find, and no session
/// outlives its absolute lifetime however often it is used.
/// </summary>
public sealed class AccountSessionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ACookieCopiedBeforeLogout_Is401Afterwards()
    {
        using var client = CookielessClient(factory);
        var (cookies, token) = await AntiforgeryClient.SignInWithoutCookieJarAsync(client);

        var before = await InfoAsync(client, cookies);
        using var logout = await PostAsync(client, "/auth/logout", cookies, token, new { });
        var replayed = await InfoAsync(client, cookies);

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed);
    }

    [Fact]
    public async Task SigningOutEverywhere_EndsEverySessionOfTheUser_AndNoOneElses()
    {
        using var client = CookielessClient(factory);
        var email = NewEmail();
        var (laptop, laptopToken) = await AntiforgeryClient.SignInWithoutCookieJarAsync(client, email);
        var (phone, _) = await AntiforgeryClient.SignInWithoutCookieJarAsync(client, email);
        var (someoneElse, _) = await AntiforgeryClient.SignInWithoutCookieJarAsync(client);

        using var everywhere = await PostAsync(client, "/auth/logout/everywhere", laptop, laptopToken, new { });

        Assert.Equal(HttpStatusCode.NoContent, everywhere.StatusCode);
        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK],
            [await InfoAsync(client, laptop), await InfoAsync(client, phone), await InfoAsync(client, someoneElse)]);
    }

    [Fact]
    public async Task APasswordChange_EndsTheUsersOtherSessions()
    {
        using var client = CookielessClient(factory);
        var email = NewEmail();
        var (laptop, laptopToken) = await AntiforgeryClient.SignInWithoutCookieJarAsync(client, email);
        var (stolen, _) = await AntiforgeryClient.SignInWithoutCookieJarAsync(client, email);

        using var change = await PostAsync(client, "/auth/manage/info", laptop, laptopToken, new { oldPassword = AntiforgeryClient.Password, newPassword = "a brand new passphrase" });

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await InfoAsync(client, stolen));
    }

    [Fact]
    public async Task ASession_EndsAtItsAbsoluteLifetime_HoweverOftenItIsUsed()
    {
        var clock = new ManualClock();
        using var timed = factory
            .WithSettings(("Identity:Cookie:IdleTimeout", "01:00:00"), ("Identity:Cookie:AbsoluteLifetime", "03:00:00"))
            .WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var client = CookielessClient(timed);
        var (cookies, _) = await AntiforgeryClient.SignInWithoutCookieJarAsync(client);

        // Used every 40 minutes, well within the idle timeout, until past three hours.
        var statuses = new List<HttpStatusCode>();
        for (var step = 0; step < 5; step++)
        {
            clock.Advance(TimeSpan.FromMinutes(40));
            statuses.Add(await InfoAsync(client, cookies));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized], statuses);
    }

    [Theory]
    [InlineData("Identity:Cookie:IdleTimeout", "13:00:00")]
    [InlineData("Identity:Cookie:IdleTimeout", "00:00:00")]
    [InlineData("Identity:Cookie:AbsoluteLifetime", "31.00:00:00")]
    public void SessionLifetimes_OutOfBounds_StopTheServiceAtStartup(string key, string value)
    {
        using var refused = factory.WithSettings((key, value));

        var refusal = Assert.ThrowsAny<Exception>(() => refused.CreateClient());

        Assert.Contains($"{key} is {TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)}", refusal.Message, StringComparison.Ordinal);
    }

    private static HttpClient CookielessClient(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> service) =>
        service.CreateClient(new() { BaseAddress = ApiFactory.HttpsAddress, HandleCookies = false });

    private static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    private static async Task<HttpStatusCode> InfoAsync(HttpClient client, string cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/manage/info");
        request.Headers.Add("Cookie", cookies);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string route, string cookies, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(body) };
        request.Headers.Add("Cookie", cookies);
        request.Headers.Add(AntiforgeryClient.HeaderName, token);
        return await client.SendAsync(request);
    }
}
