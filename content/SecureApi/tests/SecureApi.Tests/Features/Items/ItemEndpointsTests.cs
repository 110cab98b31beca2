using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureApi.Features.Items;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Items;

public sealed class ItemEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Post_CreatesItem_WithLocationAndId()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();

        using var response = await client.PostAsJsonAsync("/api/items", new { name = "Widget", quantity = 3 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal("Widget", created.GetProperty("name").GetString());
        Assert.Equal(3, created.GetProperty("quantity").GetInt32());
        Assert.Equal($"/api/items/{id}", response.Headers.Location?.OriginalString);

        var fetched = await client.GetFromJsonAsync<Item>(response.Headers.Location);
        Assert.Equal(new Item(id, "Widget", 3), fetched);
    }

    [Fact]
    public async Task Get_ListsItems()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();
        var created = await CreateAsync(client, "Listed", 1);

        var items = await client.GetFromJsonAsync<Item[]>("/api/items");

        Assert.Contains(created, items!);
    }

    [Fact]
    public async Task Put_ReplacesItem()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();
        var created = await CreateAsync(client, "Before", 1);

        using var response = await client.PutAsJsonAsync($"/api/items/{created.Id}", new { name = "After", quantity = 9 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(created with { Name = "After", Quantity = 9 }, await client.GetFromJsonAsync<Item>($"/api/items/{created.Id}"));
    }

    [Fact]
    public async Task Delete_RemovesItem()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();
        var created = await CreateAsync(client, "Doomed", 1);

        using var response = await client.DeleteAsync(new Uri($"/api/items/{created.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var after = await client.GetAsync(new Uri($"/api/items/{created.Id}", UriKind.Relative));
        await ProblemDetailsAssert.IsProblemAsync(after, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task MissingItem_IsNotFoundProblem(string method)
    {
        using var client = await factory.CreateAntiforgeryClientAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/items/987654");
        if (method == "PUT")
        {
            request.Content = JsonContent.Create(new { name = "Ghost", quantity = 1 });
        }

        using var response = await client.SendAsync(request);

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
        Assert.Contains("987654", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public async Task Get_WithNonIntegerId_IsNotFoundProblem(string id)
    {
        using var client = await factory.CreateSignedInClientAsync();

        using var response = await client.GetAsync(new Uri($"/api/items/{id}", UriKind.Relative));

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Post_OverPlainHttp_IsRefusedAndCreatesNothing()
    {
        using var client = factory.CreateClient();
        using var plainHttp = factory.CreatePlainHttpClient();
        var before = await client.GetFromJsonAsync<Item[]>("/api/items");

        using var response = await plainHttp.PostAsJsonAsync("/api/items", new { name = "Leaked", quantity = 1 });

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.HttpsRequired);
        var after = await client.GetFromJsonAsync<Item[]>("/api/items");
        Assert.DoesNotContain(after!, item => item.Name == "Leaked");
        Assert.Equal(before!.Length, after!.Length);
    }

    [Fact]
    public async Task OpenApiDocument_InDevelopment_DescribesItems()
    {
        using var development = new DevelopmentApiFactory();
        using var client = development.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/items", out _));
        Assert.True(paths.TryGetProperty("/api/items/{id}", out _));
    }

    internal static async Task<Item> CreateAsync(HttpClient client, string name, int quantity)
    {
        using var response = await client.PostAsJsonAsync("/api/items", new { name, quantity });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Item>())!;
    }
}
