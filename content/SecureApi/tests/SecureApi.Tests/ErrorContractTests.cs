using System.Net;
#if (sample)
using System.Net.Http.Json;
using System.Text;
#endif
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests;

/// <summary>
/// One error contract in Production and in Development: every refusal is problem+json with its
/// type, title, detail and traceId and the security headers, through the whole pipeline, and its
/// type says which layer refused. A front end built against Development learns the errors
/// Production sends.
/// </summary>
public sealed class ErrorContractTests(ApiFactory production, DevelopmentApiFactory development)
    : IClassFixture<ApiFactory>, IClassFixture<DevelopmentApiFactory>
{
    /// <summary>The environments the contract holds in.</summary>
    public static TheoryData<string> Environments => new() { "Production", "Development" };

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task UnknownRoute_IsANotFoundProblem(string environment)
    {
        using var client = await In(environment).CreateSignedInClientAsync();

        using var response = await client.GetAsync(new Uri("/no/such/route", UriKind.Relative));

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Trace_IsRefusedOnEveryRoute(string environment)
    {
        using var client = In(environment).CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Trace, "/health");

        using var response = await client.SendAsync(request);

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed, ProblemTypes.MethodNotAllowed);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }
#if (sample)

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task MalformedJson_IsAValidationProblemNamingTheField_NotAFrameworkMessage(string environment)
    {
        using var client = await In(environment).CreateAntiforgeryClientAsync();
        using var body = new StringContent("""{"name": "Widget", "quantity": "three"}""", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/api/items", UriKind.Relative), body);

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty("quantity", out _), problem.GetRawText());
        Assert.DoesNotContain("Microsoft.", problem.GetRawText(), StringComparison.Ordinal);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task WriteFromADeniedOrigin_IsRefusedByCors_AndChangesNothing(string environment)
    {
        var service = In(environment);
        using var client = await service.CreateAntiforgeryClientAsync();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Post, "/api/items", CorsApiFactory.DeniedOrigin,
            request => request.Content = JsonContent.Create(new { name = "Denied origin", quantity = 1 }));

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemTypes.OriginNotAllowed);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
        CorsAssert.GrantsNothing(response);
        await AssertNotCreatedAsync(client, "Denied origin");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task WriteAnotherSiteSent_WithoutAnOrigin_IsRefusedByTheCrossSiteCheck(string environment)
    {
        using var client = await In(environment).CreateAntiforgeryClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/items")
        {
            Content = JsonContent.Create(new { name = "Cross site", quantity = 1 }),
        };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await client.SendAsync(request);

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemTypes.CrossSiteRequest);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
        await AssertNotCreatedAsync(client, "Cross site");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task WriteWithTheCookieButNoToken_IsRefusedByAntiforgery(string environment)
    {
        using var client = await AntiforgeryClient.CreateWithoutHeaderAsync(In(environment));

        using var response = await client.PostAsJsonAsync("/api/items", new { name = "No token", quantity = 1 });

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.AntiforgeryTokenMissing);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
        await AssertNotCreatedAsync(client, "No token");
    }

    private static async Task AssertNotCreatedAsync(HttpClient client, string name)
    {
        var items = await client.GetFromJsonAsync<SecureApi.Features.Items.Item[]>("/api/items?limit=1000");
        Assert.DoesNotContain(items!, item => item.Name == name);
    }
#endif

    private ApiFactory In(string environment) => environment == "Development" ? development : production;
}
