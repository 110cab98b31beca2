using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureApi.AspNetCore.Tests.Https;

public sealed class ForwardedHeadersTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly IPAddress Client = IPAddress.Parse("198.51.100.20");

    [Fact]
    public async Task ForwardedHttps_FromLoopbackProxy_IsBelieved()
    {
        var context = await SendPlainHttpAsync(factory, IPAddress.Loopback);

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
        Assert.Equal(Client, context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task ForwardedHttps_FromIPv4MappedLoopback_IsBelieved()
    {
        var context = await SendPlainHttpAsync(factory, IPAddress.Loopback.MapToIPv6());

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
    }

    [Fact]
    public async Task ForwardedHeaders_FromUntrustedAddress_AreIgnored()
    {
        var untrusted = IPAddress.Parse("203.0.113.7");

        var context = await SendPlainHttpAsync(factory, untrusted);

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.Equal(untrusted, context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task ConfiguredProxies_ReplaceLoopback()
    {
        using var configured = factory.WithSettings(
            ("ForwardedHeaders:KnownProxies:0", "10.1.2.3"),
            ("ForwardedHeaders:KnownIPNetworks", "10.9.0.0/16, 2001:db8::/32"));

        Assert.Equal(StatusCodes.Status404NotFound, (await SendPlainHttpAsync(configured, IPAddress.Parse("10.1.2.3"))).Response.StatusCode);
        Assert.Equal(StatusCodes.Status404NotFound, (await SendPlainHttpAsync(configured, IPAddress.Parse("10.9.200.1"))).Response.StatusCode);
        Assert.Equal(StatusCodes.Status404NotFound, (await SendPlainHttpAsync(configured, IPAddress.Parse("2001:db8::5"))).Response.StatusCode);
        Assert.Equal(StatusCodes.Status400BadRequest, (await SendPlainHttpAsync(configured, IPAddress.Loopback)).Response.StatusCode);
    }

    [Fact]
    public async Task ForwardedFor_WithSeveralEntries_TakesTheOneTheProxyAppended()
    {
        var context = await SendPlainHttpAsync(factory, IPAddress.Loopback, forwardedFor: $"6.6.6.6, {Client}");

        Assert.Equal(Client, context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task ForwardedFor_WithPort_TakesTheAddress()
    {
        var context = await SendPlainHttpAsync(factory, IPAddress.Loopback, forwardedFor: "[2001:db8::7]:4711");

        Assert.Equal(IPAddress.Parse("2001:db8::7"), context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task ForwardedFor_Unparsable_MakesTheProxyUnbelieved()
    {
        var context = await SendPlainHttpAsync(factory, IPAddress.Loopback, forwardedFor: "not-an-address");

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.Equal(IPAddress.Loopback, context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task ForwardedProto_OtherThanHttps_IsNotHttps()
    {
        var context = await SendPlainHttpAsync(factory, IPAddress.Loopback, forwardedProto: "https, ftp");

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies", "proxy.internal")]
    [InlineData("ForwardedHeaders:KnownIPNetworks", "10.0.0.0/99")]
    [InlineData("ForwardedHeaders:ForwardLimit", "0")]
    [InlineData("ForwardedHeaders:ForwardLimit", "two")]
    public void MalformedProxy_IsRefusedAtStartup(string key, string value)
    {
        using var malformed = factory.WithSettings((key, value));

        StartupAssert.RefusesToStart(malformed, key, value);
    }

    // A client behind a CDN (10.0.0.1) behind an ingress (10.0.0.2, the connection), the client
    // having sent an X-Forwarded-For of its own: the CDN appended the client, the ingress the CDN.
    [Theory]
    [InlineData("10.0.0.0/8", "2", "198.51.100.20")]
    [InlineData("10.0.0.0/8", "5", "198.51.100.20")]
    [InlineData("10.0.0.0/8", "1", "10.0.0.1")]
    [InlineData("10.0.0.2/32", "2", "10.0.0.1")]
    public async Task ProxyChain_IsWalkedBackThroughTrustedProxies_UpToTheForwardLimit(string trusted, string limit, string expected)
    {
        using var chained = factory.WithSettings(("ForwardedHeaders:KnownIPNetworks", trusted), ("ForwardedHeaders:ForwardLimit", limit));

        var context = await SendPlainHttpAsync(chained, IPAddress.Parse("10.0.0.2"), forwardedFor: "6.6.6.6, 198.51.100.20, 10.0.0.1");

        Assert.Equal(IPAddress.Parse(expected), context.Connection.RemoteIpAddress);
        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
    }

    [Fact]
    public async Task ProxyChain_WithForwardedHeadersInSeveralLines_ReadsThemAsOneList()
    {
        using var chained = factory.WithSettings(("ForwardedHeaders:KnownIPNetworks", "10.0.0.0/8"), ("ForwardedHeaders:ForwardLimit", "2"));

        var context = await chained.Server.SendAsync(request =>
        {
            PlainHttpRequest(request, IPAddress.Parse("10.0.0.2"), "https");
            request.Request.Headers["X-Forwarded-For"] = new Microsoft.Extensions.Primitives.StringValues(["198.51.100.20", "10.0.0.1"]);
        });

        Assert.Equal(Client, context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task ClientsBehindTwoProxies_AreLimitedEachOnTheirOwn()
    {
        using var chained = factory.WithSettings(
            ("ForwardedHeaders:KnownIPNetworks", "10.0.0.0/8"),
            ("ForwardedHeaders:ForwardLimit", "2"),
            ("RateLimiting:Global:PermitLimit", "2"));

        var first = new List<int>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            first.Add((await SendPlainHttpAsync(chained, IPAddress.Parse("10.0.0.2"), forwardedFor: "198.51.100.20, 10.0.0.1")).Response.StatusCode);
        }

        var second = await SendPlainHttpAsync(chained, IPAddress.Parse("10.0.0.2"), forwardedFor: "198.51.100.21, 10.0.0.1");

        Assert.Equal([404, 404, 429], first);
        Assert.Equal(StatusCodes.Status404NotFound, second.Response.StatusCode);
    }

    [Fact]
    public async Task ForwardedHeaders_WithNoTrustedProxyConfigured_AreReportedOnceInProduction()
    {
        using var logs = new CapturingLoggerProvider();
        using var host = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));

        await SendPlainHttpAsync(host, IPAddress.Parse("10.4.0.9"));
        await SendPlainHttpAsync(host, IPAddress.Parse("10.4.0.9"));

        var warning = Assert.Single(logs.Entries, entry => entry.EventId.Id == 1003);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("requests from 10.4.0.9 carry X-Forwarded-For", warning.Message, StringComparison.Ordinal);
        Assert.Contains("ForwardedHeaders:KnownIPNetworks", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardedHeaders_FromAnUntrustedAddress_WithProxiesConfigured_AreNotReported()
    {
        using var logs = new CapturingLoggerProvider();
        using var host = factory.WithSettings(("ForwardedHeaders:KnownProxies", "10.1.2.3")).WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));

        await SendPlainHttpAsync(host, IPAddress.Parse("203.0.113.7"));

        Assert.DoesNotContain(logs.Entries, entry => entry.EventId.Id == 1003);
    }

    private static void PlainHttpRequest(HttpContext context, IPAddress from, string forwardedProto)
    {
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = Uri.UriSchemeHttp;
        context.Request.Host = new HostString("api.test");
        context.Request.Path = "/no/such/route";
        context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
        context.Connection.RemoteIpAddress = from;
    }

    private static Task<HttpContext> SendPlainHttpAsync(
        WebApplicationFactory<Program> factory,
        IPAddress from,
        string? forwardedFor = null,
        string forwardedProto = "https") =>
        factory.Server.SendAsync(context =>
        {
            PlainHttpRequest(context, from, forwardedProto);
            context.Request.Headers["X-Forwarded-For"] = forwardedFor ?? Client.ToString();
        });
}
