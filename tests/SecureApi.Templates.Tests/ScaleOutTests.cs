using System.Net;
using System.Net.Http.Json;
using SecureApi.AspNetCore.Tests.Infrastructure;
using SecureApi.Templates.Tests.Infrastructure;

namespace SecureApi.Templates.Tests;

/// <summary>
/// Two instances of the generated service, as real processes on two ports with key ring folders
/// of their own, share nothing but a real Redis, and act as one service.
/// </summary>
[Collection(TemplateTestGroup.Name)]
public sealed class ScaleOutTests(TemplateFixture fixture) : IDisposable
{
    private readonly string _keyRings = Directory.CreateTempSubdirectory("secureapi-scale-out-").FullName;
    private readonly RedisServer _redis = new();

    [Fact]
    public async Task TwoInstancesWithRedis_ShareTokensAndLimits_AndSurviveARedisOutage()
    {
        var solution = await fixture.GenerateAndBuildAsync(TemplateVariant.Default);
        var redis = _redis;
        await redis.StartAsync();
        await using var a = await StartAsync(solution, redis, "a");
        await using var b = await StartAsync(solution, redis, "b");
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        // A token issued by A is accepted by B.
        using var tokenResponse = await clientA.SendAsync(ThroughProxy(HttpMethod.Get, "/antiforgery/token"));
        var token = (await tokenResponse.Content.ReadFromJsonAsync<TokenResponse>())!.RequestToken;
        using var create = ThroughProxy(HttpMethod.Post, "/api/items");
        create.Headers.Add("Cookie", tokenResponse.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        create.Headers.Add("X-XSRF-TOKEN", token);
        create.Content = JsonContent.Create(new { name = "shared", quantity = 1 });
        using var created = await clientB.SendAsync(create);

        // Those two requests and four more reach the global limit of 6, whichever instance counts them.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await (i % 2 == 0 ? clientA : clientB).SendAsync(ThroughProxy(HttpMethod.Get, "/api/items"));
            statuses.Add(response.StatusCode);
        }

        // Redis goes away: both keep serving, counting on their own, and report Degraded.
        redis.Stop();
        var duringOutage = new List<HttpStatusCode>();
        foreach (var client in new[] { clientA, clientB, clientA, clientB })
        {
            using var response = await client.SendAsync(ThroughProxy(HttpMethod.Get, "/api/items"));
            duringOutage.Add(response.StatusCode);
        }

        using var degraded = await clientA.GetAsync(new Uri("/health", UriKind.Relative));
        var degradedBody = await degraded.Content.ReadAsStringAsync();

        await redis.StartAsync();
        await RedisServer.WaitUntilHealthyAsync(clientB);
        using var afterOutage = await clientB.SendAsync(ThroughProxy(HttpMethod.Get, "/api/items"));
        await using var connection = await redis.ConnectAsync();
        var counted = connection.GetServer(redis.Configuration).Keys(pattern: "secureapi:*:rl:*").Any();

        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.All(duringOutage, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
        Assert.Equal("{\"status\":\"Degraded\"}", degradedBody);
        Assert.Equal(HttpStatusCode.OK, afterOutage.StatusCode);
        Assert.True(counted, "The request after Redis returned was not counted in Redis.");
    }

    [Fact]
    public async Task TwoIdentityInstancesWithRedis_ShareSessions_AndALogoutOnOneEndsTheSessionOnBoth()
    {
        var solution = await fixture.GenerateAndBuildAsync(TemplateVariant.Identity);
        await _redis.StartAsync();
        var userStore = $"Data Source={Path.Combine(_keyRings, "identity.db")}";
        await RunningService.MigrateUserStoreAsync(solution, userStore, Path.Combine(_keyRings, "migration"));
        (string, string)[] settings = [("ConnectionStrings__Identity", userStore), ("RateLimiting__Global__PermitLimit", "100")];
        await using var a = await StartAsync(solution, _redis, "a", settings);
        await using var b = await StartAsync(solution, _redis, "b", settings);
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        var account = new { email = $"user-{Guid.NewGuid():N}@example.com", password = "correct horse battery staple" };

        // Signed in on A, with a token and cookie from A.
        var (antiforgery, token) = await TokenAsync(clientA, cookies: null);
        (await SendAsync(clientA, HttpMethod.Post, "/auth/register", antiforgery, token, account)).Dispose();
        using var login = await SendAsync(clientA, HttpMethod.Post, "/auth/login", antiforgery, token, account);
        var session = login.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0]).Single(cookie => cookie.StartsWith("__Host-Session=", StringComparison.Ordinal));

        // B knows the session; B ends it; A no longer accepts the cookie.
        using var onB = await SendAsync(clientB, HttpMethod.Get, "/auth/manage/info", session);
        var (freshAntiforgery, freshToken) = await TokenAsync(clientB, session);
        using var logout = await SendAsync(clientB, HttpMethod.Post, "/auth/logout", $"{session}; {freshAntiforgery}", freshToken, new { });
        using var replayedOnA = await SendAsync(clientA, HttpMethod.Get, "/auth/manage/info", session);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.Unauthorized],
            [onB.StatusCode, logout.StatusCode, replayedOnA.StatusCode]);
    }

    public void Dispose()
    {
        _redis.Stop();
        Directory.Delete(_keyRings, recursive: true);
    }

    // In Production the service serves HTTPS only: here a TLS-terminating proxy on loopback
    // (trusted by default) says the client used it.
    private static HttpRequestMessage ThroughProxy(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Forwarded-Proto", "https");
        return request;
    }

    private static async Task<(string Cookie, string Token)> TokenAsync(HttpClient client, string? cookies)
    {
        using var response = await SendAsync(client, HttpMethod.Get, "/antiforgery/token", cookies);
        var cookie = response.Headers.GetValues("Set-Cookie").Select(value => value.Split(';')[0]).Single(value => value.StartsWith("__Host-XSRF=", StringComparison.Ordinal));
        return (cookie, (await response.Content.ReadFromJsonAsync<TokenResponse>())!.RequestToken);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? cookies, string? token = null, object? body = null)
    {
        using var request = ThroughProxy(method, path);
        if (cookies is not null)
        {
            request.Headers.Add("Cookie", cookies);
        }

        if (token is not null)
        {
            request.Headers.Add("X-XSRF-TOKEN", token);
        }

        request.Content = body is null ? null : JsonContent.Create(body);
        return await client.SendAsync(request);
    }

    private Task<RunningService> StartAsync(GeneratedSolution solution, RedisServer redis, string instance, params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Redis__Configuration"] = redis.Configuration,
            ["DataProtection__KeyRingPath"] = Path.Combine(_keyRings, instance),
            ["RateLimiting__Global__PermitLimit"] = "6",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return RunningService.StartAsync("dotnet", [solution.WebAssembly, "--urls", "http://127.0.0.1:0"], Path.GetDirectoryName(solution.WebAssembly)!, environment);
    }

    private sealed record TokenResponse(string RequestToken);
}
