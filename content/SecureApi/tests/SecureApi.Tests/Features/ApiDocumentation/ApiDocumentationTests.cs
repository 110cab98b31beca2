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

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/v1")]
    public async Task ApiDocumentation_InProduction_IsNotServed(string path)
    {
        using var factory = new ApiFactory();
        using var client = await factory.CreateSignedInClientAsync();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task ApiReference_InDevelopment_IsServed_UnderItsOwnPolicy_LoadingNothingFromElsewhere()
    {
        using var factory = new DevelopmentApiFactory();
        using var client = factory.CreateClient();

        using var page = await client.GetAsync(new Uri("/scalar/v1", UriKind.Relative));
        using var script = await client.GetAsync(new Uri("/scalar/scalar.js", UriKind.Relative));
        using var api = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = SecurityHeadersAssert.Header(page, "Content-Security-Policy")!;
        Assert.Contains("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("https:", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", SecurityHeadersAssert.Header(page, "X-Frame-Options"));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Only that page: the API keeps its strict policy.
        SecurityHeadersAssert.HasApiSecurityHeaders(api);
    }
}
