using System.Net;

namespace SecureApi.AspNetCore.Tests.Server;

/// <summary><c>AllowedHosts</c>: a wrong <c>Host</c> is a problem like any other refusal.</summary>
public sealed class AllowedHostsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("evil.example")]
    [InlineData("api.test.evil.example")]
    [InlineData("10.0.0.7")]
    public async Task UnknownHost_IsA400ProblemWithTheSecurityHeaders(string host)
    {
        using var filtered = factory.WithSettings(("AllowedHosts", "api.test;*.api.test"));
        using var client = filtered.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/antiforgery/token");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request);

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.DoesNotContain(host, problem.GetRawText(), StringComparison.Ordinal);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    [Theory]
    [InlineData("api.test")]
    [InlineData("eu.api.test")]
    [InlineData("api.test:8443")]
    public async Task AllowedHost_IsServed(string host)
    {
        using var filtered = factory.WithSettings(("AllowedHosts", "api.test;*.api.test"));
        using var client = filtered.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/antiforgery/token");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HealthProbe_AnswersAnyHost()
    {
        using var filtered = factory.WithSettings(("AllowedHosts", "api.test"));
        using var client = filtered.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = "10.0.0.7";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
