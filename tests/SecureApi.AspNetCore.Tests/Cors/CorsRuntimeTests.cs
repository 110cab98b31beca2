using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecureApi.AspNetCore.Cors;

namespace SecureApi.AspNetCore.Tests.Cors;

public sealed class CorsRuntimeTests(CorsApiFactory factory) : IClassFixture<CorsApiFactory>
{
    private const int BlockedOriginEventId = 2001;
    private const int SuppressedEventId = 2002;

    [Fact]
    public async Task BlockedOrigin_IsLoggedAsWarningWithTheOriginAsProperty()
    {
        using var logs = new CapturingLoggerProvider();
        using var logged = WithServices(services => services.AddSingleton<ILoggerProvider>(logs));
        using var client = logged.CreateClient();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", CorsApiFactory.DeniedOrigin);

        var warning = Assert.Single(logs.Entries, entry => entry.EventId.Id == BlockedOriginEventId);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(warning.Properties!, property => property.Key == "Origin" && (string?)property.Value == CorsApiFactory.DeniedOrigin);
    }

    [Fact]
    public async Task FloodOfBlockedOrigins_IsThrottledAndCountedWhenTheMinuteIsOver()
    {
        using var logs = new CapturingLoggerProvider();
        var time = new FakeTimeProvider();
        using var logged = WithServices(services => services.AddSingleton<ILoggerProvider>(logs).AddSingleton<TimeProvider>(time));
        using var client = logged.CreateClient();

        for (var i = 0; i < LogThrottle.MaxEventsPerWindow + 15; i++)
        {
            (await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", $"https://flood{i}.example")).Dispose();
        }

        time.Advance(TimeSpan.FromMinutes(1));
        (await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", "https://late.example")).Dispose();

        Assert.Equal(LogThrottle.MaxEventsPerWindow + 1, logs.Entries.Count(entry => entry.EventId.Id == BlockedOriginEventId));
        var summary = Assert.Single(logs.Entries, entry => entry.EventId.Id == SuppressedEventId);
        Assert.Contains(summary.Properties!, property => property.Key == "Count" && (int?)property.Value == 15);
    }

    [Fact]
    public async Task ConfigurationReload_TakesEffectWithoutRestart()
    {
        var configuration = new ReloadableConfigurationSource();
        using var reloadable = factory.WithWebHostBuilder(builder =>
            builder.ConfigureAppConfiguration((_, config) => config.Add(configuration)));
        using var client = reloadable.CreateClient();
        const string NewOrigin = "https://new-front-end.example.com";

        using var before = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", NewOrigin);
        configuration.Reload(("Cors:AllowedOrigins", NewOrigin));
        using var after = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", NewOrigin);
        using var dropped = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", CorsApiFactory.AllowedOrigin);

        CorsAssert.GrantsNothing(before);
        CorsAssert.AllowsOrigin(after, NewOrigin);
        CorsAssert.GrantsNothing(dropped);
    }

    [Fact]
    public async Task InvalidReload_IsRefusedAndThePoliciesInForceStay()
    {
        using var logs = new CapturingLoggerProvider();
        var configuration = new ReloadableConfigurationSource();
        using var reloadable = factory.WithWebHostBuilder(builder => builder
            .ConfigureAppConfiguration((_, config) => config.Add(configuration))
            .ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var client = reloadable.CreateClient();

        configuration.Reload(("Cors:AllowedOrigins", "*"));
        using var wildcard = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", "https://anyone.example");
        using var kept = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", CorsApiFactory.AllowedOrigin);

        CorsAssert.GrantsNothing(wildcard);
        CorsAssert.AllowsOrigin(kept, CorsApiFactory.AllowedOrigin);
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Error && entry.Message.Contains("Cors:AllowedOrigins", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CustomAllowlist_IsConsultedInsteadOfConfiguration()
    {
        using var custom = WithServices(services => services.AddSingleton<IOriginAllowlist>(new TenantAllowlist("https://tenant-7.example.org")));
        using var client = custom.CreateClient();

        using var tenant = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", "https://tenant-7.example.org");
        using var configured = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", CorsApiFactory.AllowedOrigin);

        CorsAssert.AllowsOrigin(tenant, "https://tenant-7.example.org");
        CorsAssert.GrantsNothing(configured);
    }

    private WebApplicationFactory<Program> WithServices(Action<IServiceCollection> configure) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureServices(configure));

    private sealed class TenantAllowlist(string origin) : IOriginAllowlist
    {
        public bool IsAllowed(string policyName, string candidate) => candidate == origin;
    }
}
