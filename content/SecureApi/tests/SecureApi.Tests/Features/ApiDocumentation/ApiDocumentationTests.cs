using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.ApiDocumentation;

public sealed class ApiDocumentationTests
{
    private static readonly Uri DocumentUri = new("/openapi/v1.json", UriKind.Relative);

    [Fact]
    public async Task OpenApiDocument_InDevelopment_IsServed()
    {
        using var factory = new DevelopmentApiFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(DocumentUri);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, document.GetProperty("paths").ValueKind);
        Assert.StartsWith(typeof(Program).Assembly.GetName().Name!, document.GetProperty("info").GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_InProduction_IsNotServed()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(DocumentUri);

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }
}
