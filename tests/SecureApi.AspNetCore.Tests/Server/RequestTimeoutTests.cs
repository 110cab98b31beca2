using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecureApi.AspNetCore.Tests.Server;

/// <summary>
/// <c>Limits:RequestTimeoutSeconds</c> ends a request that takes too long with a 408 problem a
/// browser can read, and <c>Limits:MaxConcurrentConnections</c> caps Kestrel's connections.
/// These wait on the real clock, so they live here rather than in every generated service.
/// </summary>
public sealed class RequestTimeoutTests(CorsApiFactory factory) : IClassFixture<CorsApiFactory>
{
    [Fact]
    public async Task Request_PastTheTimeout_Is408Problem_ThatAnAllowedOriginCanRead()
    {
        using var host = factory.WithSettings(("Limits:RequestTimeoutSeconds", "1"));
        using var client = host.CreateClient();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/test/slow", CorsApiFactory.AllowedOrigin);

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.RequestTimeout, ProblemTypes.RequestTimeout);
        CorsAssert.AllowsOrigin(response, CorsApiFactory.AllowedOrigin);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    [Theory]
    [InlineData("Limits:RequestTimeoutSeconds", "0")]
    [InlineData("Limits:RequestTimeoutSeconds", "soon")]
    [InlineData("Limits:MaxConcurrentConnections", "0")]
    public void NonPositiveLimit_IsRefusedAtStartup(string key, string value)
    {
        using var malformed = factory.WithSettings((key, value));

        StartupAssert.RefusesToStart(malformed, key, value);
    }

    [Fact]
    public async Task ConnectionsOverTheCap_AreClosedWithoutAnAnswer()
    {
        using var capped = factory.WithSettings(("Limits:MaxConcurrentConnections", "1"));
        var address = capped.StartOnLoopback();

        using var first = new TcpClient();
        await first.ConnectAsync(address.Host, address.Port);
        var firstAnswer = await ExchangeAsync(first, address);
        using var second = new TcpClient();
        await second.ConnectAsync(address.Host, address.Port);
        var secondAnswer = await ExchangeAsync(second, address);

        Assert.StartsWith("HTTP/1.1 200", firstAnswer, StringComparison.Ordinal);
        Assert.Equal(string.Empty, secondAnswer);
    }

    // One keep-alive request; the answer's first bytes, or nothing when the server closed the connection.
    private static async Task<string> ExchangeAsync(TcpClient client, Uri address)
    {
        var stream = client.GetStream();
        var request = Encoding.ASCII.GetBytes($"GET /health HTTP/1.1\r\nHost: {address.Authority}\r\n\r\n");
        try
        {
            await stream.WriteAsync(request);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            return Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (IOException)
        {
            return string.Empty; // reset by the server
        }
    }
}
