using System.Net;
using SecureApi.AspNetCore.TestHost;
using SecureApi.AspNetCore.Validation;

namespace SecureApi.AspNetCore.Tests.Validation;

/// <summary>
/// A service that builds its handlers with the request delegate generator gets the same 400 for a
/// query value that does not parse as one whose handler was built at run time, although the
/// generated handler answers it with an empty 400 instead of an exception.
/// </summary>
public sealed class GeneratedBindingTests(CorsApiFactory factory) : IClassFixture<CorsApiFactory>
{
    [Theory]
    [InlineData("ten")]
    [InlineData("99999999999")]
    public async Task ValueThatDoesNotParse_Is400NamingTheParameterWithoutRepeatingTheValue(string limit)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri($"{GeneratedBinding.Route}?limit={limit}", UriKind.Relative));

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.Equal(RequestBodyErrors.WrongTypeMessage, Assert.Single(problem.GetProperty("errors").GetProperty("limit").EnumerateArray()).GetString());
        Assert.DoesNotContain(limit, ProblemText.WithoutTraceId(problem), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?limit=5")]
    [InlineData("")]
    public async Task ValueThatParses_OrNone_ReachesTheHandler(string query)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(GeneratedBinding.Route + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
