using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureApi.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Assertions on configuration that the service must refuse at startup.
/// </summary>
public static class StartupAssert
{
    /// <summary>
    /// Asserts that the service does not start, and that it says why in one critical log line
    /// that names the key and the value.
    /// </summary>
    /// <param name="factory">The service with the offending settings.</param>
    /// <param name="key">The configuration key the message must name.</param>
    /// <param name="value">The offending value the message must name.</param>
    public static void RefusesToStart(WebApplicationFactory<Program> factory, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var logs = new CapturingLoggerProvider();
        using var logged = factory.WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));

        Assert.ThrowsAny<Exception>(() => logged.CreateClient());

        var refusal = Assert.Single(logs.Entries, entry => entry.Level == LogLevel.Critical);
        Assert.Contains(key, refusal.Message, StringComparison.Ordinal);
        Assert.Contains(value, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Environment.NewLine, refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Starts a service built in the test, on the in-memory test server, as its host would start it:
    /// the startup validation runs, and a refusal (which in a service's own process is a plain exit)
    /// fails the start.
    /// </summary>
    /// <param name="builder">The service's builder, its services added.</param>
    /// <param name="map">Maps its endpoints.</param>
    /// <returns>Whether it started.</returns>
    public static async Task<bool> StartsAsync(WebApplicationBuilder builder, Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(map);
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        map(app);
        try
        {
            await app.StartAsync();
            await app.StopAsync();
            return true;
        }
        catch (InvalidOperationException refusal) when (refusal.Message.StartsWith("Refusing to start", StringComparison.Ordinal))
        {
            return false;
        }
    }
}
