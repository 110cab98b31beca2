using System.Net;
using System.Text;
using Microsoft.Extensions.Hosting;

namespace SecureApi.AspNetCore.Tests.Errors;

public sealed class ErrorResponseTests(TestEndpointsApiFactory factory) : IClassFixture<TestEndpointsApiFactory>
{
    [Fact]
    public async Task UnhandledException_InProduction_IsProblemWithoutDetails()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(TestEndpointsApiFactory.ThrowingPath, UriKind.Relative));

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, ProblemTypes.ServerError);
        var body = problem.GetRawText();
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.DoesNotContain("stack", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnknownRoute_IsNotFoundProblem()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/no/such/route", UriKind.Relative));

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task UnsupportedMethod_IsMethodNotAllowedProblem()
    {
        using var client = factory.CreateClient();

        using var response = await client.DeleteAsync(new Uri("/health", UriKind.Relative));

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed, ProblemTypes.MethodNotAllowed);
    }

    [Theory]
    [InlineData("/no/such/route", "text/html", HttpStatusCode.NotFound)]
    [InlineData(TestEndpointsApiFactory.ThrowingPath, "text/plain", HttpStatusCode.InternalServerError)]
    [InlineData("/health", "application/xml", HttpStatusCode.MethodNotAllowed)]
    public async Task Problem_WhenClientAcceptsNoJson_IsStillProblemJson(string path, string accept, HttpStatusCode status)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(status == HttpStatusCode.MethodNotAllowed ? HttpMethod.Delete : HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);

        using var response = await client.SendAsync(request);

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, status, ExpectedType((int)status));
        Assert.DoesNotContain("Status Code:", problem.GetRawText(), StringComparison.Ordinal);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task MalformedJson_IsTheSameValidationProblem_InEveryEnvironment(string environment)
    {
        using ApiFactory host = environment == Environments.Development ? new DevelopmentApiFactory() : new ApiFactory();
        using var client = await host.CreateAntiforgeryClientAsync();

        using var response = await PostJsonAsync(client, """{"text":""");

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.Equal("The body is not valid JSON.", problem.GetProperty("errors").GetProperty("text")[0].GetString());
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    [Fact]
    public async Task MalformedJson_FromAnAllowedOrigin_CarriesTheCorsHeaders_SoTheFrontEndCanReadIt()
    {
        using var host = new CorsApiFactory();
        using var client = await host.CreateAntiforgeryClientAsync();
        client.DefaultRequestHeaders.Add("Origin", CorsApiFactory.AllowedOrigin);

        using var response = await PostJsonAsync(client, """{"text": "a", "number": "five"}""");

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        CorsAssert.AllowsOrigin(response, CorsApiFactory.AllowedOrigin);
        CorsAssert.VariesByOrigin(response);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(503)]
    public async Task BareStatus_GetsAStableTypeAndADetail(int status)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri($"{TestEndpointsApiFactory.StatusPath}/{status}", UriKind.Relative));

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, (HttpStatusCode)status, ExpectedType(status));
        Assert.DoesNotContain("tools.ietf.org", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BareStatus_OfAHandlerThatTurnedTheStatusCodePagesOff_StaysEmpty()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri($"{TestEndpointsApiFactory.StatusPath}/409?{TestEndpointsApiFactory.OptOutQuery}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(response.Content.Headers.ContentType);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    private static string ExpectedType(int status) => status switch
    {
        404 => ProblemTypes.NotFound,
        405 => ProblemTypes.MethodNotAllowed,
        409 => "urn:problem-type:conflict",
        500 => ProblemTypes.ServerError,
        _ => "urn:problem-type:service-unavailable",
    };

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync(new Uri("/test/echo", UriKind.Relative), content);
    }
}
