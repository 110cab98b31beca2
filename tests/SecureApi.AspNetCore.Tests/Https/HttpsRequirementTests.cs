using System.Net;

namespace SecureApi.AspNetCore.Tests.Https;

public sealed class HttpsRequirementTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task PlainHttp_InProduction_IsRefusedWithProblem()
    {
        using var client = factory.CreatePlainHttpClient();

        using var response = await client.GetAsync(new Uri("/no/such/route", UriKind.Relative));

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.HttpsRequired);
        Assert.Equal("HTTPS required", problem.GetProperty("title").GetString());
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task PlainHttp_ToHealth_IsAnswered()
    {
        using var client = factory.CreatePlainHttpClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PlainHttp_InDevelopment_IsAnswered()
    {
        using var development = new DevelopmentApiFactory();
        using var client = development.CreatePlainHttpClient();

        using var response = await client.GetAsync(new Uri("/no/such/route", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Https_IsAnswered()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/no/such/route", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
