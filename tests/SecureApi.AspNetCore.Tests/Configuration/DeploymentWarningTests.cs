using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureApi.AspNetCore.Tests.Configuration;

/// <summary>
/// Settings that are valid but unsafe in Production are reported at startup, one warning each
/// naming the key to set; a normal request logs no framework warning.
/// </summary>
public sealed class DeploymentWarningTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public void AllowedHostsThatAnswerAnyHost_AreReported_AndNamedHostsAreNot()
    {
        var any = StartupWarnings(factory);
        var named = StartupWarnings(factory.WithSettings(("AllowedHosts", "api.test")));

        Assert.Contains(any, warning => warning.StartsWith("Unsafe for Production: AllowedHosts is '*'", StringComparison.Ordinal));
        Assert.DoesNotContain(named, warning => warning.Contains("AllowedHosts", StringComparison.Ordinal));
    }

    [Fact]
    public void AWildcardOriginWithCredentials_IsReported()
    {
        var warnings = StartupWarnings(factory.WithSettings(("Cors:AllowedOrigins", "https://app.example.com,https://*.example.com")));
        var withoutCredentials = StartupWarnings(factory.WithSettings(
            ("Cors:AllowedOrigins", "https://*.example.com"), ("Cors:AllowCredentials", "false")));

        var warning = Assert.Single(warnings, warning => warning.Contains("Cors:AllowedOrigins", StringComparison.Ordinal));
        Assert.Contains("'https://*.example.com' with Cors:AllowCredentials true", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(withoutCredentials, warning => warning.Contains("Cors:AllowedOrigins", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheTokenEndpoint_LogsNoFrameworkWarning()
    {
        using var logs = new CapturingLoggerProvider();
        using var host = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.DoesNotContain(logs.Entries, entry => entry.Category.StartsWith("Microsoft.AspNetCore.Antiforgery", StringComparison.Ordinal)
            && entry.Level >= LogLevel.Warning);
    }

    private static List<string> StartupWarnings(WebApplicationFactory<Program> service)
    {
        using var logs = new CapturingLoggerProvider();
        using var host = service.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = host.CreateClient();
        return [.. logs.Entries.Where(entry => entry.EventId.Id == 1002 && entry.Level == LogLevel.Warning).Select(entry => entry.Message)];
    }
}
