using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.AspNetCore.Antiforgery;

namespace SecureApi.AspNetCore.Tests.Antiforgery;

/// <summary>
/// The antiforgery check in front of a state-changing endpoint, with the service's real
/// antiforgery, key ring, CORS allowlist and problem details.
/// </summary>
public sealed class AntiforgeryValidationMiddlewareTests(CorsApiFactory factory) : IClassFixture<CorsApiFactory>
{
    private const string CookieName = "__Host-XSRF";
    private const string Header = "X-XSRF-TOKEN";

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task ValidTokenWithItsCookie_ReachesTheEndpoint(string method)
    {
        var tokens = IssueTokens();

        var (context, reached) = await SendAsync(method, request => tokens.AddTo(request));

        Assert.True(reached);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Fact]
    public async Task Get_NeverNeedsAToken()
    {
        var (_, reached) = await SendAsync("GET");

        Assert.True(reached);
    }

    [Fact]
    public async Task MissingToken_IsRefusedAsMissing()
    {
        var tokens = IssueTokens();

        var (context, reached) = await SendAsync("POST", request => request.Headers.Cookie = tokens.Cookie);

        await AssertRefusedAsync(context, reached, StatusCodes.Status400BadRequest, ApiProblemTypes.AntiforgeryTokenMissing);
    }

    [Fact]
    public async Task TokenWithoutItsCookie_IsRefusedAsMissing()
    {
        var tokens = IssueTokens();

        var (context, reached) = await SendAsync("POST", request => request.Headers[Header] = tokens.RequestToken);

        await AssertRefusedAsync(context, reached, StatusCodes.Status400BadRequest, ApiProblemTypes.AntiforgeryTokenMissing);
    }

    [Fact]
    public async Task TokenInTheQueryString_IsNotAccepted()
    {
        var tokens = IssueTokens();

        var (context, reached) = await SendAsync("POST", request =>
        {
            request.Headers.Cookie = tokens.Cookie;
            request.QueryString = QueryString.Create(Header, tokens.RequestToken);
        });

        await AssertRefusedAsync(context, reached, StatusCodes.Status400BadRequest, ApiProblemTypes.AntiforgeryTokenMissing);
    }

    [Fact]
    public async Task TamperedToken_IsRefusedAsInvalid()
    {
        var tokens = IssueTokens();
        var tampered = tokens.RequestToken[..^4] + (tokens.RequestToken.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var (context, reached) = await SendAsync("POST", request =>
        {
            request.Headers.Cookie = tokens.Cookie;
            request.Headers[Header] = tampered;
        });

        await AssertRefusedAsync(context, reached, StatusCodes.Status400BadRequest, ApiProblemTypes.AntiforgeryTokenInvalid);
    }

    [Fact]
    public async Task TokenFromAnotherSession_IsRefusedAsInvalid()
    {
        var mine = IssueTokens();
        var theirs = IssueTokens();

        var (context, reached) = await SendAsync("POST", request =>
        {
            request.Headers.Cookie = mine.Cookie;
            request.Headers[Header] = theirs.RequestToken;
        });

        await AssertRefusedAsync(context, reached, StatusCodes.Status400BadRequest, ApiProblemTypes.AntiforgeryTokenInvalid);
    }

    [Theory]
    [InlineData("cross-site", CorsApiFactory.DeniedOrigin)]
    [InlineData("same-site", "https://other.api.test")]
    [InlineData("cross-site", null)]
    public async Task CrossSiteRequest_FromUntrustedOrigin_IsRefusedEvenWithAValidToken(string site, string? origin)
    {
        var tokens = IssueTokens();

        var (context, reached) = await SendAsync("POST", request =>
        {
            tokens.AddTo(request);
            request.Headers["Sec-Fetch-Site"] = site;
            if (origin is not null)
            {
                request.Headers.Origin = origin;
            }
        });

        await AssertRefusedAsync(context, reached, StatusCodes.Status403Forbidden, ApiProblemTypes.CrossSiteRequest);
    }

    [Fact]
    public async Task ForeignOrigin_WithoutFetchMetadata_IsRefused()
    {
        var tokens = IssueTokens();

        var (context, reached) = await SendAsync("POST", request =>
        {
            tokens.AddTo(request);
            request.Headers.Origin = CorsApiFactory.DeniedOrigin;
        });

        await AssertRefusedAsync(context, reached, StatusCodes.Status403Forbidden, ApiProblemTypes.CrossSiteRequest);
    }

    [Theory]
    [InlineData("cross-site", CorsApiFactory.AllowedOrigin)]
    [InlineData("same-origin", null)]
    [InlineData("none", null)]
    [InlineData("same-origin", "https://api.test")]
    public async Task TrustedRequest_WithAValidToken_ReachesTheEndpoint(string site, string? origin)
    {
        var tokens = IssueTokens();

        var (_, reached) = await SendAsync("POST", request =>
        {
            tokens.AddTo(request);
            request.Headers["Sec-Fetch-Site"] = site;
            if (origin is not null)
            {
                request.Headers.Origin = origin;
            }
        });

        Assert.True(reached);
    }

    [Fact]
    public async Task OptedOutEndpoint_WorksWithoutAToken()
    {
        var (_, reached) = await SendAsync("POST", metadata: new OptOut());

        Assert.True(reached);
    }

    [Fact]
    public async Task Refusals_NeverLogTheToken()
    {
        var tokens = IssueTokens();
        var logs = new CapturingLoggerProvider();
        var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));

        await SendAsync("POST", request =>
        {
            request.Headers.Cookie = tokens.Cookie;
            request.Headers[Header] = tokens.RequestToken + "x";
        }, loggerFactory: loggers);

        Assert.NotEmpty(logs.Entries);
        Assert.All(logs.Entries, entry => Assert.DoesNotContain(tokens.RequestToken, entry.Message, StringComparison.Ordinal));
    }

    private TokenPair IssueTokens()
    {
        var context = NewContext("GET");
        var set = factory.Services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var cookie = context.Response.Headers.SetCookie.ToString().Split(';')[0];
        Assert.StartsWith(CookieName + "=", cookie, StringComparison.Ordinal);
        return new TokenPair(cookie, set.RequestToken!);
    }

    private async Task<(HttpContext Context, bool Reached)> SendAsync(
        string method,
        Action<HttpRequest>? configure = null,
        object? metadata = null,
        ILoggerFactory? loggerFactory = null)
    {
        var reached = false;
        var context = NewContext(method);
        context.SetEndpoint(new RouteEndpoint(
            _ => Task.CompletedTask,
            RoutePatternFactory.Parse("/api/things"),
            order: 0,
            new EndpointMetadataCollection(metadata is null ? [] : [metadata]),
            "things"));
        configure?.Invoke(context.Request);

        var services = factory.Services;
        var middleware = ActivatorUtilities.CreateInstance<AntiforgeryValidationMiddleware>(
            services,
            new RequestDelegate(_ =>
            {
                reached = true;
                return Task.CompletedTask;
            }),
            (loggerFactory ?? services.GetRequiredService<ILoggerFactory>()).CreateLogger<AntiforgeryValidationMiddleware>());
        await middleware.InvokeAsync(context);
        return (context, reached);
    }

    private DefaultHttpContext NewContext(string method)
    {
        var context = new DefaultHttpContext { RequestServices = factory.Services };
        context.Request.Method = method;
        context.Request.Scheme = Uri.UriSchemeHttps;
        context.Request.Host = new HostString("api.test");
        context.Request.Path = "/api/things";
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task AssertRefusedAsync(HttpContext context, bool reached, int status, string type)
    {
        Assert.False(reached, "a refused request must never reach its endpoint");
        Assert.Equal(status, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(type, problem.RootElement.GetProperty("type").GetString());
    }

    private sealed record TokenPair(string Cookie, string RequestToken)
    {
        public void AddTo(HttpRequest request)
        {
            request.Headers.Cookie = Cookie;
            request.Headers[Header] = RequestToken;
        }
    }

    private sealed class OptOut : IAntiforgeryMetadata
    {
        public bool RequiresValidation => false;
    }
}
