using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureApi.Features.Items;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Items;

public sealed class ItemsAntiforgeryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Post_WithoutToken_IsRefusedAndCreatesNothing()
    {
        // The cookie is there, as in any browser that fetched a token: only the header is missing.
        using var client = await AntiforgeryClient.CreateWithoutHeaderAsync(factory);

        using var response = await client.PostAsJsonAsync("/api/items", new { name = "Unprotected", quantity = 1 });

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.AntiforgeryTokenMissing);
        var items = await client.GetFromJsonAsync<Item[]>("/api/items");
        Assert.DoesNotContain(items!, item => item.Name == "Unprotected");
    }

    [Fact]
    public async Task PutAndDelete_WithoutToken_ChangeNothing()
    {
        using var protectedClient = await factory.CreateAntiforgeryClientAsync();
        using var created = await protectedClient.PostAsJsonAsync("/api/items", new { name = "Stays", quantity = 5 });
        var item = await created.Content.ReadFromJsonAsync<Item>();
        using var client = await AntiforgeryClient.CreateWithoutHeaderAsync(factory);

        using var put = await client.PutAsJsonAsync($"/api/items/{item!.Id}", new { name = "Changed", quantity = 0 });
        using var delete = await client.DeleteAsync(new Uri($"/api/items/{item.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal(item, await client.GetFromJsonAsync<Item>($"/api/items/{item.Id}"));
    }

    [Fact]
    public async Task OpenApiDocument_ShowsTheTokenHeaderOnWrites()
    {
        using var development = new DevelopmentApiFactory();
        using var client = development.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var post = document.GetProperty("paths").GetProperty("/api/items").GetProperty("post");
        Assert.Equal("required", post.GetProperty("x-antiforgery").GetString());
        Assert.Contains(post.GetProperty("parameters").EnumerateArray(), parameter =>
            parameter.GetProperty("name").GetString() == "X-XSRF-TOKEN" && parameter.GetProperty("in").GetString() == "header");
        var get = document.GetProperty("paths").GetProperty("/api/items").GetProperty("get");
        Assert.False(get.TryGetProperty("x-antiforgery", out _));
    }
}
