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

    private Task<RunningService> StartAsync(GeneratedSolution solution, RedisServer redis, string instance) =>
        RunningService.StartAsync(
            "dotnet",
            [solution.WebAssembly, "--urls", "http://127.0.0.1:0"],
            Path.GetDirectoryName(solution.WebAssembly)!,
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Redis__Configuration"] = redis.Configuration,
                ["DataProtection__KeyRingPath"] = Path.Combine(_keyRings, instance),
                ["RateLimiting__Global__PermitLimit"] = "6",
            });

    private sealed record TokenResponse(string RequestToken);
}
