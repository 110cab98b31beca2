using System.Net;
using System.Net.Http.Json;
using SecureApi.Features.Items;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Items;

public sealed class ItemsRateLimitingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Writes_MeetTheStricterWritesPolicy_WhileReadsGoOn()
    {
        using var limited = factory.WithSettings(("RateLimiting:Policies:Writes:PermitLimit", "2"));
        using var client = await AntiforgeryClient.CreateAsync(limited);

        using var first = await client.PostAsJsonAsync("/api/items", new { name = "First", quantity = 1 });
        using var second = await client.PostAsJsonAsync("/api/items", new { name = "Second", quantity = 1 });
        using var refused = await client.PostAsJsonAsync("/api/items", new { name = "Refused", quantity = 1 });
        using var read = await client.GetAsync(new Uri("/api/items", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        await ProblemDetailsAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, ProblemTypes.RateLimited);
        Assert.Equal("\"Writes\";q=2;w=12", SecurityHeadersAssert.Header(refused, "RateLimit-Policy"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var items = await read.Content.ReadFromJsonAsync<Item[]>();
        Assert.DoesNotContain(items!, item => item.Name == "Refused");
    }
}
