using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureApi.AspNetCore.Tests.Redis;

/// <summary>
/// Two instances that share nothing but a real Redis (each its own key ring folder) act as one:
/// tokens of one are accepted by the other, and rate limits hold across them, exactly.
/// </summary>
[Collection(SharedRedis.Name)]
public sealed class RedisScaleOutTests(RedisServer redis) : IDisposable
{
    // Each test its own application name, so that its keys in Redis are its own.
    private readonly string _application = $"scale-out-{Guid.NewGuid():N}";
    private readonly List<IDisposable> _hosts = [];

    [Fact]
    public async Task Token_IssuedByOneInstance_IsAcceptedByAnother()
    {
        var (a, b) = (Instance(), Instance());
        var pair = await AntiforgeryTokenPair.FetchAsync(a);

        using var written = await pair.WriteAsync(b);

        Assert.True(written.StatusCode == HttpStatusCode.OK, await written.Content.ReadAsStringAsync());
        await using var connection = await redis.ConnectAsync();
        Assert.True(await connection.GetDatabase().KeyExistsAsync($"secureapi:{_application}:dataprotection-keys"));
    }

    [Fact]
    public async Task TheDistributedCache_IsShared_AndAnEntryRemovedByOneIsGoneForTheOther()
    {
        // Where a service keeps its sessions: a sign-out on one instance ends the session on all.
        var (a, b) = (Instance().Services.GetRequiredService<IDistributedCache>(), Instance().Services.GetRequiredService<IDistributedCache>());

        await using var connection = await redis.ConnectAsync();

        await a.SetStringAsync("session:1", "ticket", new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
        var inRedis = await connection.GetDatabase().KeyExistsAsync($"secureapi:{_application}:cache:session:1");
        var readByB = await b.GetStringAsync("session:1");
        await b.RemoveAsync("session:1");
        var readByA = await a.GetStringAsync("session:1");

        Assert.True(inRedis);
        Assert.Equal("ticket", readByB);
        Assert.Null(readByA);
    }

    [Fact]
    public async Task Limit_HoldsAcrossInstances_WithRequestsAlternating()
    {
        using var a = Instance(("RateLimiting:Global:PermitLimit", "4")).CreateClient();
        using var b = Instance(("RateLimiting:Global:PermitLimit", "4")).CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await (i % 2 == 0 ? a : b).GetAsync(new Uri("/antiforgery/token", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (i == 5)
            {
                Assert.Equal("\"global\";q=4;w=60", response.Headers.GetValues("RateLimit-Policy").Single());
                Assert.InRange(int.Parse(response.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task CountedResponses_OfEitherInstance_TellTheSharedQuotaLeft()
    {
        using var a = Instance(("RateLimiting:Global:PermitLimit", "4")).CreateClient();
        using var b = Instance(("RateLimiting:Global:PermitLimit", "4")).CreateClient();

        var left = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await (i % 2 == 0 ? a : b).GetAsync(new Uri("/antiforgery/token", UriKind.Relative));
            Assert.Equal("\"global\";q=4;w=60", response.Headers.GetValues("RateLimit-Policy").Single());
            var (remaining, reset) = RateLimiting.RateLimitingTests.ParseRateLimit(response, "global");
            Assert.InRange(reset, 1, 60);
            left.Add(remaining);
        }

        Assert.Equal([3, 2, 1], left);
    }

    [Fact]
    public async Task LimitPerArgumentValue_HoldsAcrossInstances()
    {
        var instances = new[] { Instance(), Instance() };
        var tokens = await AntiforgeryTokenPair.FetchAsync(instances[0]);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var client = instances[i % 2].CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ApiFactory.HttpsAddress, HandleCookies = false });
            using var write = new HttpRequestMessage(HttpMethod.Post, "/test/per-text") { Content = JsonContent.Create(new { text = "shared@example.com" }) };
            write.Headers.Add("Cookie", tokens.Cookie);
            write.Headers.Add(AntiforgeryClient.HeaderName, tokens.Token);
            using var response = await client.SendAsync(write);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Burst_SplitOverTwoInstances_AdmitsExactlyTheLimit()
    {
        using var a = Instance(("RateLimiting:Global:PermitLimit", "10")).CreateClient();
        using var b = Instance(("RateLimiting:Global:PermitLimit", "10")).CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? a : b).GetAsync(new Uri("/antiforgery/token", UriKind.Relative))));

        Assert.Equal(10, responses.Count(response => response.StatusCode == HttpStatusCode.OK));
        Assert.Equal(30, responses.Count(response => response.StatusCode == HttpStatusCode.TooManyRequests));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task GlobalLimitAndEndpointPolicy_AreCountedInOneRoundTrip()
    {
        using var client = Instance(("RateLimiting:Policies:Token:PermitLimit", "3")).CreateClient();
        using var warmUp = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));
        var before = await redis.CallsAsync("evalsha") + await redis.CallsAsync("eval");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.StartsWith("\"Token\";q=3", response.Headers.GetValues("RateLimit-Policy").Single(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(4, await redis.CallsAsync("evalsha") + await redis.CallsAsync("eval") - before);
    }

    [Theory]
    [InlineData("FixedWindow", 60_000)]
    [InlineData("SlidingWindow", 70_000)]
    [InlineData("TokenBucket", 120_000)]
    public async Task EveryKey_ExpiresWhenItNoLongerMatters(string algorithm, long maxMilliseconds)
    {
        using var client = Instance(
            ("RateLimiting:Global:Algorithm", algorithm),
            ("RateLimiting:Global:TokensPerPeriod", "50"),
            ("RateLimiting:Global:ReplenishmentPeriodSeconds", "60")).CreateClient();
        using var response = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));

        await using var connection = await redis.ConnectAsync();
        var database = connection.GetDatabase();
        var keys = connection.GetServer(redis.Configuration).Keys(pattern: $"secureapi:{_application}:rl:*").ToList();
        Assert.Equal(2, keys.Count); // the global limit and the Token policy
        foreach (var key in keys)
        {
            var ttl = await database.KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value.TotalMilliseconds, 1, maxMilliseconds);
        }
    }

    [Theory]
    [InlineData("SlidingWindow")]
    [InlineData("TokenBucket")]
    public async Task EveryWindowAlgorithm_IsShared(string algorithm)
    {
        (string, string)[] settings =
        [
            ("RateLimiting:Global:Algorithm", algorithm),
            ("RateLimiting:Global:PermitLimit", "3"),
            ("RateLimiting:Global:TokensPerPeriod", "1"),
            ("RateLimiting:Global:ReplenishmentPeriodSeconds", "60"),
        ];
        using var a = Instance(settings).CreateClient();
        using var b = Instance(settings).CreateClient();

        var statuses = new List<HttpStatusCode>();
        var left = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await (i % 2 == 0 ? a : b).GetAsync(new Uri("/antiforgery/token", UriKind.Relative));
            statuses.Add(response.StatusCode);
            var (remaining, reset) = RateLimiting.RateLimitingTests.ParseRateLimit(response, "global");
            Assert.InRange(reset, 1, 60);
            left.Add(remaining);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal([2, 1, 0, 0, 0], left);
    }

    [Fact]
    public async Task RedisStopping_GivesNoServerError_AndRestartingItRestoresSharedLimits()
    {
        using var logs = new CapturingLoggerProvider();
        var instance = Instance(("RateLimiting:Global:PermitLimit", "3")).WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        _hosts.Add(instance);
        using var client = instance.CreateClient();
        using var before = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));

        redis.Stop();
        var during = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));
            during.Add(response.StatusCode);
        }

        using var degraded = await client.GetAsync(new Uri("/health", UriKind.Relative));
        var degradedBody = await degraded.Content.ReadAsStringAsync();

        await redis.StartAsync();
        await RedisServer.WaitUntilHealthyAsync(client);
        using var after = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        // In-process, from a fresh count of 3: the limit still holds while Redis is gone.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], during);
        Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
        Assert.Contains("Degraded", degradedBody, StringComparison.Ordinal);
        Assert.Single(logs.Entries, entry => entry.EventId.Id == 4003);
        Assert.Single(logs.Entries, entry => entry.EventId.Id == 4004);

        // Counted in Redis again: the restarted server holds this client's key.
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        await using var connection = await redis.ConnectAsync();
        Assert.NotEmpty(connection.GetServer(redis.Configuration).Keys(pattern: $"secureapi:{_application}:rl:*"));
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }

    private WebApplicationFactory<Program> Instance(params (string Key, string Value)[] settings)
    {
        var factory = new ApiFactory();
        _hosts.Add(factory);
        var instance = factory.WithSettings(
            [("Redis:Configuration", redis.Configuration), ("DataProtection:ApplicationName", _application), .. settings]);
        _hosts.Add(instance);
        return instance;
    }

}

/// <summary>The tests that share the one Redis server, one at a time: one of them stops it.</summary>
[CollectionDefinition(Name)]
public sealed class SharedRedis : ICollectionFixture<RedisServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Redis";
}
