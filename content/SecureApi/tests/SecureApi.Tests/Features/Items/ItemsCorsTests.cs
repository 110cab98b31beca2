using System.Net;
using System.Net.Http.Json;
using SecureApi.Features.Items;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Items;

public sealed class ItemsCorsTests(CorsApiFactory factory) : IClassFixture<CorsApiFactory>
{
    [Fact]
    public async Task Post_FromDeniedOrigin_IsRefusedBeforeHandlerAndCreatesNothing()
    {
        using var client = factory.CreateClient();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Post, "/api/items", CorsApiFactory.DeniedOrigin,
            request => request.Content = JsonContent.Create(new { name = "Forged", quantity = 1 }));

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemTypes.OriginNotAllowed);
        var items = await client.GetFromJsonAsync<Item[]>("/api/items");
        Assert.DoesNotContain(items!, item => item.Name == "Forged");
    }

    [Fact]
    public async Task Delete_FromDeniedOrigin_IsRefusedBeforeHandlerAndDeletesNothing()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();
        using var created = await client.PostAsJsonAsync("/api/items", new { name = "Kept", quantity = 1 });
        var item = await created.Content.ReadFromJsonAsync<Item>();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Delete, $"/api/items/{item!.Id}", CorsApiFactory.DeniedOrigin);

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemTypes.OriginNotAllowed);
        Assert.Equal(item, await client.GetFromJsonAsync<Item>($"/api/items/{item.Id}"));
    }

    [Fact]
    public async Task Post_FromAllowedOrigin_CreatesAndExposesLocation()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Post, "/api/items", CorsApiFactory.AllowedOrigin,
            request => request.Content = JsonContent.Create(new { name = "Allowed", quantity = 2 }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        CorsAssert.AllowsOrigin(response, CorsApiFactory.AllowedOrigin);
        Assert.Contains("Location", SecurityHeadersAssert.Header(response, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
    }
}
