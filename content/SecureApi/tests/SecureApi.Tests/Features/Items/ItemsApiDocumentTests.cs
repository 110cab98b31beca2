using System.Net.Http.Json;
using System.Text.Json;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Items;

/// <summary>
/// The API document describes the items as a client generator needs them, the same whether the
/// endpoints are minimal APIs or controllers: each operation by its name, JSON bodies only,
/// the statuses a client handles with their content types (never text/plain or text/json),
/// and the antiforgery header on writes.
/// </summary>
public sealed class ItemsApiDocumentTests : IClassFixture<DevelopmentApiFactory>
{
    private readonly Task<JsonElement> _paths;

    public ItemsApiDocumentTests(DevelopmentApiFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _paths = ReadPathsAsync(factory);
    }

    [Theory]
    [InlineData("/api/items", "get", "ListItems", "200", "application/json")]
    [InlineData("/api/items", "post", "CreateItem", "201", "application/json")]
    [InlineData("/api/items/{id}", "get", "GetItem", "200", "application/json")]
    [InlineData("/api/items/{id}", "get", "GetItem", "404", "application/problem+json")]
    [InlineData("/api/items/{id}", "put", "UpdateItem", "200", "application/json")]
    [InlineData("/api/items/{id}", "put", "UpdateItem", "404", "application/problem+json")]
    [InlineData("/api/items/{id}", "delete", "DeleteItem", "404", "application/problem+json")]
#if (AuthEnabled)
    [InlineData("/api/admin/stats", "get", "GetStats", "200", "application/json")]
#endif
    public async Task Operation_IsNamed_AndItsResponseIsJsonOnly(string path, string method, string operationId, string status, string contentType)
    {
        var operation = (await _paths).GetProperty(path).GetProperty(method);

        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        var content = operation.GetProperty("responses").GetProperty(status).GetProperty("content");
        Assert.Equal([contentType], content.EnumerateObject().Select(type => type.Name));
    }

    [Theory]
    [InlineData("/api/items", "post")]
    [InlineData("/api/items/{id}", "put")]
    public async Task Write_TakesJsonOnly_AndDocumentsTheAntiforgeryHeader(string path, string method)
    {
        var operation = (await _paths).GetProperty(path).GetProperty(method);

        // Controllers add the structured-syntax form (application/*+json), which is JSON too.
        var body = operation.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(type => type.Name).ToList();
        Assert.Contains("application/json", body);
        Assert.All(body, type => Assert.Matches(@"^application/(\*\+)?json$", type));
        Assert.Contains(
            operation.GetProperty("parameters").EnumerateArray(),
            parameter => parameter.GetProperty("in").GetString() == "header" && parameter.GetProperty("name").GetString() == AntiforgeryClient.HeaderName);
    }

    [Fact]
    public async Task Delete_AnswersNoContent()
    {
        var responses = (await _paths).GetProperty("/api/items/{id}").GetProperty("delete").GetProperty("responses");

        Assert.False(responses.GetProperty("204").TryGetProperty("content", out _));
    }

    private static async Task<JsonElement> ReadPathsAsync(DevelopmentApiFactory factory)
    {
        using var client = factory.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));
        return document.GetProperty("paths");
    }
}
