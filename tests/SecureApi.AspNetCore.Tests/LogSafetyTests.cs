using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace SecureApi.AspNetCore.Tests;

/// <summary>
/// What requests can do to the log: nothing. Request values are logged escaped and capped, and
/// the events whose rate an attacker sets are throttled.
/// </summary>
public sealed class LogSafetyTests(CorsApiFactory factory) : IClassFixture<CorsApiFactory>
{
    private const int BlockedOriginEventId = 2001;
    private const int CrossSiteRefusedEventId = 3003;
    private const int TokenMissingEventId = 3001;
    private const int RejectedEventId = 4001;
    private const int RejectionsSuppressedEventId = 4002;
    private const int RefusalsSuppressedEventId = 3004;

    [Theory]
    [InlineData("/a\r\nfail: forged line", @"/a\u000d\u000afail: forged line")]
    [InlineData("evil.example\b\b\b\b\b\b\b\b\b\b\b\bapp.example.com", @"evil.example\u0008\u0008\u0008\u0008\u0008\u0008\u0008\u0008\u0008\u0008\u0008\u0008app.example.com")]
    [InlineData("\u001b]0;owned\u0007\u001b[2J", @"\u001b]0;owned\u0007\u001b[2J")]
    [InlineData("abc\u202Egpj.exe", @"abc\u202egpj.exe")]
    [InlineData(@"already\u000aescaped", @"already\\u000aescaped")]
    [InlineData("café", "café")]
    public void RequestValue_IsLoggedEscaped(string value, string logged) => Assert.Equal(logged, LogValue.Sanitize(value));

    [Fact]
    public void LongRequestValue_IsCapped()
    {
        var logged = LogValue.Sanitize(new string('a', 5000));

        Assert.StartsWith(new string('a', LogValue.MaxLength), logged, StringComparison.Ordinal);
        Assert.EndsWith($"...(+{5000 - LogValue.MaxLength} characters)", logged, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainRequestValue_IsLoggedAsItIs() =>
        Assert.Same(CorsApiFactory.DeniedOrigin, LogValue.Sanitize(CorsApiFactory.DeniedOrigin));

    [Fact]
    public async Task ForgedHeadersAndPath_NeverReachTheLogRaw()
    {
        using var logs = new CapturingLoggerProvider();
        using var logged = WithServices(services => services.AddSingleton<ILoggerProvider>(logs));

        await SendAsync(logged, HttpMethods.Post, "/test/echo\r\nfail: forged", request => request.Headers["Sec-Fetch-Site"] = "cross-site\u001b[2J");
        await SendAsync(logged, HttpMethods.Post, "/test/echo", request => request.Headers["Sec-Fetch-Site"] = "cross-site\u001b[2J\r\nfail: forged");
        await SendAsync(logged, HttpMethods.Get, "/x\r\ny", request => request.Headers.Origin = "https://evil.example\r\nfail: forged");

        var requestEntries = logs.Entries.Where(entry => entry.Category.StartsWith("SecureApi.AspNetCore", StringComparison.Ordinal)).ToList();
        Assert.Contains(requestEntries, entry => entry.EventId.Id == CrossSiteRefusedEventId);
        Assert.Contains(requestEntries, entry => entry.EventId.Id == BlockedOriginEventId);
        Assert.All(requestEntries, entry => Assert.False(
            entry.Message.Any(character => char.IsControl(character)),
            $"a control character reached the log: {entry.Message}"));
    }

    [Fact]
    public async Task Credentials_NeverReachTheLog()
    {
        const string secret = "s3cr3t-credential-value";
        using var logged = factory.WithSettings(("RateLimiting:Policies:Token:PermitLimit", "2"))
            .WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddLogging(logging => logging.AddFakeLogging())));
        void WithCredentials(HttpRequest request)
        {
            request.Headers.Authorization = $"Bearer {secret}";
            request.Headers.Cookie = $"session={secret}; __Host-XSRF={secret}";
            request.Headers["X-XSRF-TOKEN"] = secret;
        }

        // Every refusal that logs: a denied origin, a cross-site write, an invalid token, a rate limit.
        await SendAsync(logged, HttpMethods.Post, "/test/echo", request =>
        {
            WithCredentials(request);
            request.Headers.Origin = "https://evil.example";
        });
        await SendAsync(logged, HttpMethods.Post, "/test/echo", request =>
        {
            WithCredentials(request);
            request.Headers["Sec-Fetch-Site"] = "cross-site";
        });
        await SendAsync(logged, HttpMethods.Post, "/test/echo", WithCredentials);
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(logged, HttpMethods.Get, "/antiforgery/token", WithCredentials, remoteAddress: "10.0.0.9");
        }

        var records = logged.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(records, record => record.Id.Id == BlockedOriginEventId);
        Assert.Contains(records, record => record.Id.Id == CrossSiteRefusedEventId);
        Assert.Contains(records, record => record.Id.Id == 3002);
        Assert.Contains(records, record => record.Id.Id == RejectedEventId);
        Assert.All(records, record =>
        {
            Assert.DoesNotContain(secret, record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(record.StructuredState ?? [], pair => pair.Value?.Contains(secret, StringComparison.Ordinal) == true);
        });
    }

    [Fact]
    public async Task FloodOfRateLimitRejections_IsThrottledAndCountedWhenTheMinuteIsOver()
    {
        using var logs = new CapturingLoggerProvider();
        var time = new FakeTimeProvider();
        using var logged = factory.WithSettings(("RateLimiting:Global:PermitLimit", "1")).WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs).AddSingleton<TimeProvider>(time)));

        // One admitted, then a rejection a request.
        for (var i = 0; i < LogThrottle.MaxEventsPerWindow + 10; i++)
        {
            await SendAsync(logged, HttpMethods.Get, "/no/such/route");
        }

        time.Advance(TimeSpan.FromMinutes(1));
        await SendAsync(logged, HttpMethods.Get, "/no/such/route");

        Assert.Equal(LogThrottle.MaxEventsPerWindow + 1, logs.Entries.Count(entry => entry.EventId.Id == RejectedEventId));
        var summary = Assert.Single(logs.Entries, entry => entry.EventId.Id == RejectionsSuppressedEventId);
        Assert.Contains(summary.Properties!, property => property.Key == "Count" && (int?)property.Value == 9);
    }

    [Fact]
    public async Task FloodOfForgedWrites_IsThrottledAndCountedWhenTheMinuteIsOver()
    {
        using var logs = new CapturingLoggerProvider();
        var time = new FakeTimeProvider();
        using var logged = WithServices(services => services.AddSingleton<ILoggerProvider>(logs).AddSingleton<TimeProvider>(time));

        for (var i = 0; i < LogThrottle.MaxEventsPerWindow + 10; i++)
        {
            await SendAsync(logged, HttpMethods.Post, "/test/echo");
        }

        time.Advance(TimeSpan.FromMinutes(1));
        await SendAsync(logged, HttpMethods.Post, "/test/echo");

        Assert.Equal(LogThrottle.MaxEventsPerWindow + 1, logs.Entries.Count(entry => entry.EventId.Id == TokenMissingEventId));
        var summary = Assert.Single(logs.Entries, entry => entry.EventId.Id == RefusalsSuppressedEventId);
        Assert.Contains(summary.Properties!, property => property.Key == "Count" && (int?)property.Value == 10);
    }

    private WebApplicationFactory<Program> WithServices(Action<IServiceCollection> configure) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureServices(configure));

    private static Task<HttpContext> SendAsync(
        WebApplicationFactory<Program> host, string method, string path, Action<HttpRequest>? configure = null, string remoteAddress = "10.0.0.1") =>
        host.Server.SendAsync(context =>
        {
            context.Request.Method = method;
            context.Request.Scheme = Uri.UriSchemeHttps;
            context.Request.Host = new HostString("api.test");
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
            configure?.Invoke(context.Request);
        });
}
