using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Health;

public sealed class HealthEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Get_WhenHealthy_ReturnsOkWithStatusOnly()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var property = Assert.Single(body.EnumerateObject());
        Assert.Equal("status", property.Name);
        Assert.Equal("Healthy", property.Value.GetString());
    }

    [Fact]
    public async Task Get_IsNeverCached()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.True(response.Headers.CacheControl?.NoStore, "a cached probe would hide an outage");
    }
}
