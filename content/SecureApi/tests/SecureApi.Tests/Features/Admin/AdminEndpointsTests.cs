using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Admin;

public sealed class AdminEndpointsTests
{
    [Fact]
    public async Task Stats_CountsStoredItems()
    {
        using var factory = new ApiFactory();
        using var client = await factory.CreateAntiforgeryClientAsync();
        (await client.PostAsJsonAsync("/api/items", new { name = "One", quantity = 1 })).Dispose();
        (await client.PostAsJsonAsync("/api/items", new { name = "Two", quantity = 2 })).Dispose();

        using var response = await client.GetAsync(new Uri("/api/admin/stats", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stats = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, stats.GetProperty("itemCount").GetInt32());
    }
}
