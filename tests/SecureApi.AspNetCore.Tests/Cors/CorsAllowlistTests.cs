using System.Net;
using Microsoft.AspNetCore.Http;

namespace SecureApi.AspNetCore.Tests.Cors;

public sealed class CorsAllowlistTests(CorsApiFactory factory) : IClassFixture<CorsApiFactory>
{
    [Theory]
    [InlineData(CorsApiFactory.AllowedOrigin)]
    [InlineData(CorsApiFactory.WildcardOrigin)]
    public async Task Get_FromAllowedOrigin_EchoesItWithCredentialsAndExposedHeaders(string origin)
    {
        using var client = factory.CreateClient();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", origin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        CorsAssert.AllowsOrigin(response, origin);
        Assert.Equal("Location, Retry-After, RateLimit, RateLimit-Policy", SecurityHeadersAssert.Header(response, "Access-Control-Expose-Headers"));
    }

    [Theory]
    [InlineData(CorsApiFactory.DeniedOrigin)]
    [InlineData("https://app.example.com.evil.net")]
    [InlineData("https://evil-example.net")]
    [InlineData("https://example.net")]
    [InlineData("http://app.example.com")]
    [InlineData("https://app.example.com:8443")]
    [InlineData("null")]
    public async Task Get_FromDeniedOrigin_IsAnsweredWithoutAnyCorsGrant(string origin)
    {
        using var client = factory.CreateClient();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", origin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        CorsAssert.GrantsNothing(response);
    }

    [Fact]
    public async Task Response_WithoutOrigin_StillVariesByOrigin()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        CorsAssert.VariesByOrigin(response);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task StateChangingRequest_FromDeniedOrigin_IsRefusedWith403(string method)
    {
        using var client = factory.CreateClient();

        using var response = await CorsApiFactory.SendFromAsync(client, new HttpMethod(method), "/no/such/route", CorsApiFactory.DeniedOrigin);

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemTypes.OriginNotAllowed);
        Assert.Equal("Origin not allowed", problem.GetProperty("title").GetString());
        CorsAssert.GrantsNothing(response);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    [Fact]
    public async Task StateChangingRequest_FromAllowedOrigin_ReachesRouting()
    {
        using var client = factory.CreateClient();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Post, "/no/such/route", CorsApiFactory.AllowedOrigin);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        CorsAssert.AllowsOrigin(response, CorsApiFactory.AllowedOrigin);
    }

    [Theory]
    [InlineData("api.test")]
    [InlineData("api.test:443")]
    public async Task StateChangingRequest_FromTheApisOwnOrigin_IsNotCrossOrigin(string host)
    {
        var context = await factory.Server.SendAsync(request =>
        {
            request.Request.Method = HttpMethods.Post;
            request.Request.Scheme = Uri.UriSchemeHttps;
            request.Request.Host = new HostString(host);
            request.Request.Path = "/no/such/route";
            request.Request.Headers.Origin = "https://api.test";
        });

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
    }

    [Fact]
    public async Task Preflight_ForAllowedOriginMethodAndHeaders_IsGranted()
    {
        using var client = factory.CreateClient();

        using var response = await CorsApiFactory.PreflightAsync(client, "/health", CorsApiFactory.AllowedOrigin, "POST", "content-type, x-xsrf-token");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        CorsAssert.AllowsOrigin(response, CorsApiFactory.AllowedOrigin);
        Assert.Equal("GET, POST, PUT, PATCH, DELETE", SecurityHeadersAssert.Header(response, "Access-Control-Allow-Methods"));
        Assert.Equal("Content-Type, X-XSRF-TOKEN", SecurityHeadersAssert.Header(response, "Access-Control-Allow-Headers"));
        Assert.Equal("7200", SecurityHeadersAssert.Header(response, "Access-Control-Max-Age"));
    }

    [Theory]
    [InlineData(CorsApiFactory.AllowedOrigin, "PROPFIND", null)]
    [InlineData(CorsApiFactory.AllowedOrigin, "post", null)]
    [InlineData(CorsApiFactory.AllowedOrigin, "POST", "content-type, x-api-key")]
    [InlineData(CorsApiFactory.DeniedOrigin, "GET", null)]
    public async Task Preflight_NotGranted_Is403WithoutGrants(string origin, string method, string? headers)
    {
        using var client = factory.CreateClient();

        using var response = await CorsApiFactory.PreflightAsync(client, "/health", origin, method, headers);

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemTypes.OriginNotAllowed);
        CorsAssert.GrantsNothing(response);
    }

    [Fact]
    public async Task CommaSeparatedOrigins_FromEnvironment_AreEachAllowed()
    {
        using var configured = factory.WithSettings(("Cors:AllowedOrigins", "https://one.example.com, https://two.example.com"));
        using var client = configured.CreateClient();

        using var one = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", "https://one.example.com");
        using var two = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", "https://two.example.com");

        CorsAssert.AllowsOrigin(one, "https://one.example.com");
        CorsAssert.AllowsOrigin(two, "https://two.example.com");
    }

    [Fact]
    public async Task AnyOriginWithoutCredentials_AnswersStarAndNoCredentials()
    {
        using var configured = factory.WithSettings(("Cors:AllowedOrigins", "*"), ("Cors:AllowCredentials", "false"));
        using var client = configured.CreateClient();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", "https://anyone.example");

        Assert.Equal("*", SecurityHeadersAssert.Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(SecurityHeadersAssert.Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task HttpOrigin_WhenExplicitlyAllowed_IsAccepted()
    {
        using var configured = factory.WithSettings(("Cors:AllowedOrigins", "http://intranet.example.com"), ("Cors:AllowHttpOrigins", "true"));
        using var client = configured.CreateClient();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", "http://intranet.example.com");

        CorsAssert.AllowsOrigin(response, "http://intranet.example.com");
    }

    [Fact]
    public async Task NoAllowedOrigins_InProduction_DeniesEveryOrigin()
    {
        using var production = new ApiFactory();
        using var client = production.CreateClient();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Post, "/no/such/route", "http://localhost:3000");

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemTypes.OriginNotAllowed);
    }
}
