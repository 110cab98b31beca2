using System.Net;

namespace SecureApi.AspNetCore.Tests.Server;

/// <summary><c>AllowedHosts</c>: a wrong <c>Host</c> is a problem like any other refusal.</summary>
public sealed class AllowedHostsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string AllowedHosts = "api.test;*.api.test";

    [Theory]
    [InlineData("evil.example")]
    [InlineData("api.test.evil.example")]
    [InlineData("10.0.0.7")]
    public async Task UnknownHost_IsA400ProblemWithTheSecurityHeaders(string host)
    {
        using var response = await SendWithHostAsync("/antiforgery/token", host);

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.UnknownHost);
        Assert.DoesNotContain(host, problem.GetRawText(), StringComparison.Ordinal);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    [Theory]
    [InlineData("/antiforgery/token", "api.test")]
    [InlineData("/antiforgery/token", "eu.api.test")]
    [InlineData("/antiforgery/token", "api.test:8443")]
    [InlineData("/health", "10.0.0.7")]
    public async Task AllowedHost_AndAnyHostOfTheProbe_AreServed(string path, string host)
    {
        using var response = await SendWithHostAsync(path, host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendWithHostAsync(string path, string host)
    {
        using var filtered = factory.WithSettings(("AllowedHosts", AllowedHosts));
        using var client = filtered.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        var response = await client.SendAsync(request);

        // Read before the host is disposed.
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
