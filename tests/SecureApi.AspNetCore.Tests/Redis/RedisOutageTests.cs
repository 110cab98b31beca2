using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using SecureApi.AspNetCore.Diagnostics;

namespace SecureApi.AspNetCore.Tests.Redis;

/// <summary>
/// A Redis that never answers (nothing listens on its port): the service starts, serves, and
/// follows <c>RateLimiting:RedisFailure</c>; malformed settings stop it at startup.
/// </summary>
public sealed class RedisOutageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string Unreachable = $"127.0.0.1:{RedisServer.FreePort()}";

    [Fact]
    public async Task FailOpen_CountsInProcess_AndLogsTheOutageOnce()
    {
        using var logs = new CapturingLoggerProvider();
        using var host = factory.WithSettings(("Redis:Configuration", Unreachable), ("RateLimiting:Global:PermitLimit", "2"))
            .WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync(new Uri("/no-such-route", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        // Counted by the global limit alone, whose count needs no key ring.
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var outage = Assert.Single(logs.Entries, entry => entry.EventId.Id == 4003);
        Assert.Equal(LogLevel.Warning, outage.Level);
        Assert.DoesNotContain(Unreachable, outage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailClosed_RefusesCountedRequestsWith503Problem_ThatNamesNoDependency()
    {
        using var host = factory.WithSettings(("Redis:Configuration", Unreachable), ("RateLimiting:RedisFailure", "Closed"));
        using var client = host.CreateClient();

        using var refused = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));

        await ProblemDetailsAssert.IsProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "urn:problem-type:rate-limit-store-unavailable");
        var body = await refused.Content.ReadAsStringAsync();
        Assert.True(!body.Contains("Redis", StringComparison.OrdinalIgnoreCase), body);
        Assert.Equal("5", refused.Headers.RetryAfter?.ToString());
        SecurityHeadersAssert.HasApiSecurityHeaders(refused);
    }

    [Fact]
    public async Task FailClosed_Refusal_IsCountedAsStoreUnavailable()
    {
        using var host = factory.WithSettings(("Redis:Configuration", Unreachable), ("RateLimiting:RedisFailure", "Closed"));
        using var rejections = new MetricCollector<long>(
            host.Services.GetRequiredService<IMeterFactory>(), ApiSecurityMetrics.MeterName, ApiSecurityMetrics.RateLimitRejections);
        using var client = host.CreateClient();

        using var refused = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(["store_unavailable"], rejections.GetMeasurementSnapshot().Select(m => m.Tags["secureapi.rate_limit.policy"]));
    }

    [Fact]
    public async Task TokenEndpoint_BeforeTheKeyRingWasEverRead_Is503Problem_Not500_AndLogsWhy()
    {
        using var host = factory.WithSettings(("Redis:Configuration", Unreachable))
            .WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddLogging(logging => logging.AddFakeLogging())));
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "urn:problem-type:key-ring-unavailable");
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var logged = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), record => record.Id.Id == 3005);
        Assert.Equal(LogLevel.Error, logged.Level);
    }

    [Theory]
    [InlineData("Redis:Configuration", "127.0.0.1:6379,nosuchoption=1", "nosuchoption")]
    [InlineData("Redis:Configuration", ",", "names no Redis server")]
    [InlineData("RateLimiting:RedisFailure", "7", "7")]
    public void MalformedSettings_StopTheServiceAtStartup(string key, string value, string named)
    {
        using var misconfigured = key == "Redis:Configuration"
            ? factory.WithSettings((key, value))
            : factory.WithSettings(("Redis:Configuration", Unreachable), (key, value));

        StartupAssert.RefusesToStart(misconfigured, key, named);
    }
}
