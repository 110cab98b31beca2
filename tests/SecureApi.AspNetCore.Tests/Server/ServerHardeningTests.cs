using System.Net;

namespace SecureApi.AspNetCore.Tests.Server;

public sealed class ServerHardeningTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("TRACE", "/health")]
    [InlineData("TRACE", "/no/such/route")]
    [InlineData("TRACK", "/health")]
    public async Task Trace_IsRefusedOnEveryRoute(string method, string path)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("X-Secret", "must-not-echo");

        using var response = await client.SendAsync(request);

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed, ProblemTypes.MethodNotAllowed);
        Assert.DoesNotContain("must-not-echo", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Limits:MaxRequestBodyBytes", "0")]
    [InlineData("Limits:MaxRequestHeadersTotalBytes", "-1")]
    [InlineData("Limits:MaxRequestHeaderCount", "0")]
    public void NonPositiveLimit_IsRefusedAtStartup(string key, string value)
    {
        using var unlimited = factory.WithSettings((key, value));

        StartupAssert.RefusesToStart(unlimited, key, value);
    }
}
