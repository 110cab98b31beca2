using System.Net;

namespace SecureApi.AspNetCore.Tests.Errors;

public sealed class ErrorResponseTests(TestEndpointsApiFactory factory) : IClassFixture<TestEndpointsApiFactory>
{
    [Fact]
    public async Task UnhandledException_InProduction_IsProblemWithoutDetails()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(TestEndpointsApiFactory.ThrowingPath, UriKind.Relative));

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
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

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnsupportedMethod_IsMethodNotAllowedProblem()
    {
        using var client = factory.CreateClient();

        using var response = await client.DeleteAsync(new Uri("/health", UriKind.Relative));

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Problem_WhenClientAcceptsNoJson_IsStatusOnly()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no/such/route");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
