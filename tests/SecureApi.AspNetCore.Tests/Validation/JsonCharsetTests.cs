using System.Net;
using System.Text;

namespace SecureApi.AspNetCore.Tests.Validation;

/// <summary>A JSON body is UTF-8; a body declared in another charset is refused before binding.</summary>
public sealed class JsonCharsetTests(CorsApiFactory factory) : IClassFixture<CorsApiFactory>
{
    private const string EchoPath = "/test/echo";

    [Theory]
    [InlineData("bogus")]
    [InlineData("utf-7")]
    [InlineData("\"\"")]
    [InlineData("utf-16")]
    [InlineData("iso-8859-1")]
    [InlineData("\"utf-32\"")]
    [InlineData("utf8")]
    [InlineData("\"utf-8\"")]
    public async Task JsonInAnotherCharset_Is415WithTheCorsHeaders_NeverA500(string charset)
    {
        using var client = await factory.CreateAntiforgeryClientAsync();

        using var response = await PostAsync(client, $"application/json; charset={charset}");

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
        Assert.Contains("UTF-8", problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        CorsAssert.AllowsOrigin(response, CorsApiFactory.AllowedOrigin);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json;charset=utf-8")]
    [InlineData("application/problem+json; charset=utf-8")]
    public async Task JsonInUtf8_IsRead(string contentType)
    {
        using var client = await factory.CreateAntiforgeryClientAsync();

        using var response = await PostAsync(client, contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"text\":\"deja vu\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, EchoPath)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"text": "deja vu", "number": 5}""")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("Origin", CorsApiFactory.AllowedOrigin);
        return await client.SendAsync(request);
    }
}
