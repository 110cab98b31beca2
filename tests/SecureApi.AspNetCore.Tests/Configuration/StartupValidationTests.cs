using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureApi.AspNetCore.Tests.Configuration;

public sealed class StartupValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public void BadSettingsInSeveralSections_AreEachRefusedInALineOfTheirOwn()
    {
        using var logs = new CapturingLoggerProvider();
        using var misconfigured = factory
            .WithSettings(("Hsts:MaxAgeSeconds", "1"), ("ForwardedHeaders:KnownProxies", "bad"), ("RateLimiting:Global:PermitLimit", "0"))
            .WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));

        Assert.ThrowsAny<Exception>(() => misconfigured.CreateClient());

        var refusals = logs.Entries.Where(entry => entry.Level == LogLevel.Critical).Select(entry => entry.Message).ToList();
        Assert.Equal(3, refusals.Count);
        Assert.Contains(refusals, message => message.Contains("Hsts:MaxAgeSeconds is 1", StringComparison.Ordinal));
        Assert.Contains(refusals, message => message.Contains("ForwardedHeaders:KnownProxies contains 'bad'", StringComparison.Ordinal));
        Assert.Contains(refusals, message => message.Contains("RateLimiting:Global:PermitLimit is 0", StringComparison.Ordinal));
        Assert.All(refusals, message => Assert.DoesNotContain(Environment.NewLine, message, StringComparison.Ordinal));
    }
}
