using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureApi.AspNetCore.Tests.Configuration;

/// <summary>
/// At startup, one line tells an operator how this deployment's protections are set, and
/// nothing secret is in it.
/// </summary>
public sealed class SecurityPostureTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public void Startup_LogsOnePostureLine_OfTheEffectiveSettings()
    {
        var posture = PostureOf(factory.WithSettings(
            ("AllowedHosts", "api.example.com"),
            ("Cors:AllowedOrigins", "https://app.example.com"),
            ("ForwardedHeaders:KnownIPNetworks", "10.0.0.0/8"),
            ("ForwardedHeaders:ForwardLimit", "2"),
            ("RateLimiting:Global:PermitLimit", "50")));

        Assert.StartsWith("Security posture: environment Production; hosts api.example.com; origins https://app.example.com with credentials", posture, StringComparison.Ordinal);
        Assert.Contains("; HTTPS required, HSTS max-age=31536000 includeSubDomains;", posture, StringComparison.Ordinal);
        Assert.Contains("; trusted proxies 10.0.0.0/8, forward limit 2;", posture, StringComparison.Ordinal);
        Assert.Contains("; rate limits global 50/60s, ", posture, StringComparison.Ordinal);
        Assert.Contains(", PerText 3/60s", posture, StringComparison.Ordinal);
        Assert.Contains("(counted in-process)", posture, StringComparison.Ordinal);
        Assert.Contains("; key ring in folder '", posture, StringComparison.Ordinal);
        Assert.Contains("not encrypted at rest", posture, StringComparison.Ordinal);
        Assert.EndsWith("; authentication none", posture, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePostureLine_NamesTheSharedStore_ButNoSecretOfIt()
    {
        var posture = PostureOf(factory.WithSettings(
            ("Redis:Configuration", $"127.0.0.1:{RedisServer.FreePort()},password=hunter2-redis"),
            ("RateLimiting:RedisFailure", "Closed")));

        Assert.Contains("; origins none, Admin: none;", posture, StringComparison.Ordinal);
        Assert.Contains("(counted Redis, closed while it is unreachable)", posture, StringComparison.Ordinal);
        Assert.Contains("; key ring in shared store,", posture, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", posture, StringComparison.Ordinal);
        Assert.DoesNotContain("password", posture, StringComparison.OrdinalIgnoreCase);
    }

    private static string PostureOf(WebApplicationFactory<Program> service)
    {
        using var logs = new CapturingLoggerProvider();
        using var host = service.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = host.CreateClient();
        var line = Assert.Single(logs.Entries, entry => entry.EventId.Id == 1004);
        Assert.Equal(LogLevel.Information, line.Level);
        return line.Message;
    }
}
