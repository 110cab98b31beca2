using System.Net;

namespace SecureApi.AspNetCore.Tests.Headers;

public sealed class SecurityHeadersTests(TestEndpointsApiFactory factory) : IClassFixture<TestEndpointsApiFactory>
{
    [Theory]
    [InlineData("/health", HttpStatusCode.OK)]
    [InlineData("/no/such/route", HttpStatusCode.NotFound)]
    [InlineData(TestEndpointsApiFactory.StatusPath + "/429", HttpStatusCode.TooManyRequests)]
    [InlineData(TestEndpointsApiFactory.StatusPath + "/400", HttpStatusCode.BadRequest)]
    [InlineData(TestEndpointsApiFactory.ThrowingPath, HttpStatusCode.InternalServerError)]
    public async Task Response_OfAnyStatus_CarriesSecurityHeaders(string path, HttpStatusCode status)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    [Fact]
    public async Task PlainHttpRefusal_CarriesSecurityHeaders()
    {
        using var client = factory.CreatePlainHttpClient();

        using var response = await client.GetAsync(new Uri("/no/such/route", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    [Fact]
    public async Task EndpointCacheControl_IsKept()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.True(response.Headers.CacheControl?.NoCache, "the endpoint's own no-cache is kept");
        Assert.True(response.Headers.CacheControl?.NoStore);
    }
}
