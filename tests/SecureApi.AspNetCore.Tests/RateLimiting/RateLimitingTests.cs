using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using SecureApi.AspNetCore.RateLimiting;

namespace SecureApi.AspNetCore.Tests.RateLimiting;

public sealed class RateLimitingTests(CorsApiFactory factory) : IClassFixture<CorsApiFactory>
{
    private const string AnyRoute = "/no/such/route";

    [Fact]
    public async Task Global_AdmitsExactlyTheLimit_ThenRefusesWith429AndHeaders()
    {
        using var limited = WithGlobalLimit(5);
        using var client = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var admitted = await client.GetAsync(new Uri(AnyRoute, UriKind.Relative));
            statuses.Add(admitted.StatusCode);
        }

        using var refused = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, AnyRoute, CorsApiFactory.AllowedOrigin);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.NotFound, status));
        await ProblemDetailsAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, ProblemTypes.RateLimited);
        var retryAfter = int.Parse(SecurityHeadersAssert.Header(refused, "Retry-After")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("\"global\";q=5;w=60", SecurityHeadersAssert.Header(refused, "RateLimit-Policy"));
        Assert.Equal($"\"global\";r=0;t={retryAfter}", SecurityHeadersAssert.Header(refused, "RateLimit"));
        SecurityHeadersAssert.HasApiSecurityHeaders(refused);
        CorsAssert.AllowsOrigin(refused, CorsApiFactory.AllowedOrigin);
        Assert.Contains("Retry-After", SecurityHeadersAssert.Header(refused, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Global_UnderAConcurrentBurst_AdmitsExactlyTheLimit()
    {
        using var limited = WithGlobalLimit(10);
        using var client = limited.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => client.GetAsync(new Uri(AnyRoute, UriKind.Relative))));

        Assert.Equal(10, responses.Count(response => response.StatusCode != HttpStatusCode.TooManyRequests));
        Assert.Equal(90, responses.Count(response => response.StatusCode == HttpStatusCode.TooManyRequests));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Partitions_OfDifferentClients_AreIndependent()
    {
        using var limited = WithGlobalLimit(2);

        await ExhaustAsync(limited, "10.0.0.1");

        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusFromAsync(limited, "10.0.0.1"));
        Assert.Equal(StatusCodes.Status404NotFound, await StatusFromAsync(limited, "10.0.0.2"));
    }

    [Fact]
    public async Task IPv4MappedIPv6_CountsAsTheIPv4Client()
    {
        using var limited = WithGlobalLimit(2);

        await ExhaustAsync(limited, "10.0.0.1");

        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusFromAsync(limited, "::ffff:10.0.0.1"));
    }

    [Fact]
    public async Task IPv6Clients_AreCountedPerSlash64()
    {
        using var limited = WithGlobalLimit(2);

        await ExhaustAsync(limited, "2001:db8::1");

        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusFromAsync(limited, "2001:db8::ffff:1"));
        Assert.Equal(StatusCodes.Status404NotFound, await StatusFromAsync(limited, "2001:db8:0:1::1"));
    }

    [Fact]
    public async Task ForwardedClients_BehindTheTrustedProxy_AreCountedApart()
    {
        using var limited = WithGlobalLimit(2);

        await ExhaustAsync(limited, "127.0.0.1", forwardedFor: "198.51.100.1");

        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusFromAsync(limited, "127.0.0.1", forwardedFor: "198.51.100.1"));
        Assert.Equal(StatusCodes.Status404NotFound, await StatusFromAsync(limited, "127.0.0.1", forwardedFor: "198.51.100.2"));
    }

    [Fact]
    public async Task SignedInUsers_AreCountedByUserNotAddress()
    {
        using var limited = WithGlobalLimit(2);

        await ExhaustAsync(limited, "10.0.0.1", user: "alice");

        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusFromAsync(limited, "10.0.0.99", user: "alice"));
        Assert.Equal(StatusCodes.Status404NotFound, await StatusFromAsync(limited, "10.0.0.1", user: "bob"));
        Assert.Equal(StatusCodes.Status404NotFound, await StatusFromAsync(limited, "10.0.0.1"));
    }

    [Fact]
    public async Task ExemptNetworks_AreNeverLimited()
    {
        using var limited = WithGlobalLimit(2, ("RateLimiting:ExemptNetworks", "10.9.0.0/16, 2001:db8:ffff::/48"));

        await ExhaustAsync(limited, "10.9.8.7");
        await ExhaustAsync(limited, "2001:db8:ffff::9");

        Assert.Equal(StatusCodes.Status404NotFound, await StatusFromAsync(limited, "10.9.8.7"));
        Assert.Equal(StatusCodes.Status404NotFound, await StatusFromAsync(limited, "2001:db8:ffff::9"));
    }

    [Fact]
    public async Task ExemptIPv6Entries_MatchTheRealAddress_NotItsCountingPrefix()
    {
        using var limited = WithGlobalLimit(2, ("RateLimiting:ExemptNetworks", "2001:db8::10, 2001:db9::/128, 2001:dba::/112"));

        await ExhaustAsync(limited, "2001:db8::10");
        await ExhaustAsync(limited, "2001:db9::1");
        await ExhaustAsync(limited, "2001:dba::ff");
        await ExhaustAsync(limited, "2001:dba::1:0");

        // Exactly the listed address and networks are exempt ...
        Assert.Equal(StatusCodes.Status404NotFound, await StatusFromAsync(limited, "2001:db8::10"));
        Assert.Equal(StatusCodes.Status404NotFound, await StatusFromAsync(limited, "2001:dba::ff"));

        // ... and their /64 neighbours are counted, as any client is.
        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusFromAsync(limited, "2001:db9::1"));
        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusFromAsync(limited, "2001:dba::1:0"));
    }

    [Fact]
    public async Task Health_IsNeverLimited()
    {
        using var limited = WithGlobalLimit(1);
        using var client = limited.CreateClient();
        (await client.GetAsync(new Uri(AnyRoute, UriKind.Relative))).Dispose();

        for (var i = 0; i < 5; i++)
        {
            using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }

    [Fact]
    public async Task EveryCountedResponse_CarriesTheQuota_WhatIsLeft_AndWhenItResets()
    {
        using var limited = WithGlobalLimit(5);
        using var client = limited.CreateClient();

        var left = new List<(string? Policy, int Remaining, int Reset)>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, AnyRoute, CorsApiFactory.AllowedOrigin);
            var (remaining, reset) = ParseRateLimit(response, "global");
            left.Add((SecurityHeadersAssert.Header(response, "RateLimit-Policy"), remaining, reset));
            Assert.Contains("RateLimit", SecurityHeadersAssert.Header(response, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
        }

        Assert.Equal(["\"global\";q=5;w=60"], left.Select(entry => entry.Policy).Distinct());
        Assert.Equal([4, 3, 2], left.Select(entry => entry.Remaining));
        Assert.All(left, entry => Assert.InRange(entry.Reset, 1, 60));
    }

    [Fact]
    public async Task WhereTheGlobalLimitAndAPolicyBothCount_TheOneCloserToExhaustionIsSent()
    {
        using var limited = factory.WithSettings(("RateLimiting:Policies:Token:PermitLimit", "3"), ("RateLimiting:Global:PermitLimit", "10"));
        using var client = limited.CreateClient();

        using var token = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));
        using var other = await client.GetAsync(new Uri(AnyRoute, UriKind.Relative));

        Assert.Equal("\"Token\";q=3;w=60", SecurityHeadersAssert.Header(token, "RateLimit-Policy"));
        Assert.Equal(2, ParseRateLimit(token, "Token").Remaining);
        Assert.Equal("\"global\";q=10;w=60", SecurityHeadersAssert.Header(other, "RateLimit-Policy"));
        Assert.Equal(8, ParseRateLimit(other, "global").Remaining);
    }

    [Fact]
    public async Task UncountedRequests_CarryNoRateLimitHeaders()
    {
        using var limited = WithGlobalLimit(5, ("RateLimiting:ExemptNetworks", "127.0.0.0/8"));
        using var client = limited.CreateClient();

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        var exempt = await limited.Server.SendAsync(context =>
        {
            context.Request.Path = AnyRoute;
            context.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        });

        Assert.False(health.Headers.Contains("RateLimit"));
        Assert.False(exempt.Response.Headers.ContainsKey("RateLimit"));
    }

    [Fact]
    public async Task TokenEndpoint_HasItsOwnPolicy()
    {
        using var limited = factory.WithSettings(("RateLimiting:Policies:Token:PermitLimit", "2"));
        using var client = limited.CreateClient();

        (await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative))).Dispose();
        (await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative))).Dispose();
        using var refused = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));
        using var other = await client.GetAsync(new Uri(AnyRoute, UriKind.Relative));

        await ProblemDetailsAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, ProblemTypes.RateLimited);
        Assert.Equal("\"Token\";q=2;w=60", SecurityHeadersAssert.Header(refused, "RateLimit-Policy"));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Window_WhenOver_AdmitsAgain()
    {
        // The in-box limiters read the system clock (they take no TimeProvider): a one-second
        // window, which their 100 ms heartbeat renews; a loaded machine may run it late.
        using var limited = WithGlobalLimit(2, ("RateLimiting:Global:WindowSeconds", "1"));
        await ExhaustAsync(limited, "10.0.0.5");
        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusFromAsync(limited, "10.0.0.5"));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        int status;
        while ((status = await StatusFromAsync(limited, "10.0.0.5")) == StatusCodes.Status429TooManyRequests && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        Assert.Equal(StatusCodes.Status404NotFound, status);
    }

    [Fact]
    public async Task Rejections_AreLogged()
    {
        using var logs = new CapturingLoggerProvider();
        using var limited = WithGlobalLimit(1).WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = limited.CreateClient();

        (await client.GetAsync(new Uri(AnyRoute, UriKind.Relative))).Dispose();
        (await client.GetAsync(new Uri(AnyRoute, UriKind.Relative))).Dispose();

        Assert.Contains(logs.Entries, entry => entry.EventId.Id == 4001);
    }

    [Fact]
    public async Task Rejections_ShowInTheRateLimitingMetrics()
    {
        using var limited = WithGlobalLimit(1);
        using var requests = new MetricCollector<long>(
            limited.Services.GetRequiredService<IMeterFactory>(), "Microsoft.AspNetCore.RateLimiting", "aspnetcore.rate_limiting.requests");
        using var client = limited.CreateClient();

        (await client.GetAsync(new Uri(AnyRoute, UriKind.Relative))).Dispose();
        (await client.GetAsync(new Uri(AnyRoute, UriKind.Relative))).Dispose();

        Assert.Equal(
            ["acquired", "global_limiter"],
            requests.GetMeasurementSnapshot().Select(measurement => measurement.Tags["aspnetcore.rate_limiting.result"]));
    }

    [Theory]
    [InlineData("RateLimiting:Global:PermitLimit", "0")]
    [InlineData("RateLimiting:Global:WindowSeconds", "-5")]
    [InlineData("RateLimiting:Global:Algorithm", "LeakyBucket")]
    [InlineData("RateLimiting:Global:Algorithm", "99")]
    [InlineData("RateLimiting:Policies:Token:Algorithm", "-1")]
    [InlineData("RateLimiting:Policies:Token:PermitLimit", "0")]
    [InlineData("RateLimiting:ExemptNetworks", "monitoring.internal")]
    [InlineData("RateLimiting:IPv6PrefixLength", "0")]
    public void UnsafeOrMalformedSetting_IsRefusedAtStartup(string key, string value)
    {
        using var misconfigured = factory.WithSettings((key, value));

        StartupAssert.RefusesToStart(misconfigured, key, value);
    }

    [Theory]
    [InlineData(RateLimitAlgorithm.FixedWindow, 60)]
    [InlineData(RateLimitAlgorithm.SlidingWindow, 10)]
    [InlineData(RateLimitAlgorithm.TokenBucket, 10)]
    public void EachWindowOrBucket_IsObserved_WithTheConfiguredLimitAndPeriod_AndNoTimerOfItsOwn(RateLimitAlgorithm algorithm, int periodSeconds)
    {
        var limiters = RateLimitPartitions.LimiterFactory(new RateLimitPolicyOptions { Algorithm = algorithm, PermitLimit = 3 });

        using var limiter = Assert.IsType<ObservedRateLimiter>(limiters(default));

        Assert.Equal(3, limiter.GetStatistics()!.CurrentAvailablePermits);
        Assert.Equal(TimeSpan.FromSeconds(periodSeconds), limiter.ReplenishmentPeriod);
        Assert.False(limiter.IsAutoReplenishing);
        using var lease = Assert.IsType<ObservedLease>(limiter.AttemptAcquire());
        Assert.Equal(2, lease.Remaining);
        Assert.InRange(lease.UntilReplenished, TimeSpan.FromSeconds(periodSeconds - 1), TimeSpan.FromSeconds(periodSeconds));
    }

    [Fact]
    public void Concurrency_IsTheInBoxLimiter()
    {
        var limiters = RateLimitPartitions.LimiterFactory(new RateLimitPolicyOptions { Algorithm = RateLimitAlgorithm.Concurrency, PermitLimit = 3 });

        using var limiter = Assert.IsType<ConcurrencyLimiter>(limiters(default));

        Assert.Equal(3, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PolicyAnEndpointRequires_WhenNotConfigured_IsRefusedAtStartup(bool configured)
    {
        using var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.AddProvider(logs);
        if (configured)
        {
            builder.Configuration["RateLimiting:Policies:Nightly:PermitLimit"] = "5";
        }

        builder.Services.AddApiRateLimiting();

        Assert.Equal(configured, await StartupAssert.StartsAsync(builder, app =>
        {
            app.UseApiRateLimiting();
            app.MapGet("/reports/nightly", () => "report").RequireRateLimiting("Nightly");
        }));
        var refusals = logs.Entries.Where(entry => entry.Level == LogLevel.Critical).ToList();
        if (!configured)
        {
            var refusal = Assert.Single(refusals);
            Assert.Contains("RateLimiting:Policies:Nightly", refusal.Message, StringComparison.Ordinal);
            Assert.Contains("/reports/nightly", refusal.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(refusals);
        }
    }

    // "name";r=4;t=60 -> (4, 60)
    internal static (int Remaining, int Reset) ParseRateLimit(HttpResponseMessage response, string policy)
    {
        var value = SecurityHeadersAssert.Header(response, "RateLimit");
        var match = System.Text.RegularExpressions.Regex.Match(value ?? string.Empty, $"^\"{policy}\";r=(\\d+);t=(\\d+)$");
        Assert.True(match.Success, $"RateLimit: {value}");
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private WebApplicationFactory<Program> WithGlobalLimit(int permits, params (string Key, string Value)[] more) =>
        factory.WithSettings([("RateLimiting:Global:PermitLimit", permits.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. more]);

    private static async Task ExhaustAsync(WebApplicationFactory<Program> limited, string from, string? forwardedFor = null, string? user = null)
    {
        for (var i = 0; i < 2; i++)
        {
            await StatusFromAsync(limited, from, forwardedFor, user);
        }
    }

    private static async Task<int> StatusFromAsync(WebApplicationFactory<Program> limited, string from, string? forwardedFor = null, string? user = null)
    {
        var context = await limited.Server.SendAsync(request =>
        {
            request.Request.Method = HttpMethods.Get;
            request.Request.Scheme = Uri.UriSchemeHttps;
            request.Request.Host = new HostString("api.test");
            request.Request.Path = AnyRoute;
            request.Connection.RemoteIpAddress = IPAddress.Parse(from);
            if (forwardedFor is not null)
            {
                request.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }

            if (user is not null)
            {
                request.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user)], "Test"));
            }
        });
        return context.Response.StatusCode;
    }
}
