using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

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
    public void MalformedProxy_IsRefusedAtStartup(string key, string value)
    {
        using var malformed = factory.WithSettings((key, value));

        StartupAssert.RefusesToStart(malformed, key, value);
    }

    private static Task<HttpContext> SendPlainHttpAsync(
        WebApplicationFactory<Program> factory,
        IPAddress from,
        string? forwardedFor = null,
        string forwardedProto = "https") =>
        factory.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Scheme = Uri.UriSchemeHttp;
            context.Request.Host = new HostString("api.test");
            context.Request.Path = "/no/such/route";
            context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
            context.Request.Headers["X-Forwarded-For"] = forwardedFor ?? Client.ToString();
            context.Connection.RemoteIpAddress = from;
        });
}
