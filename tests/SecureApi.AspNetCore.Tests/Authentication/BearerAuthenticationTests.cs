using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.AspNetCore.Tests.Authentication;

/// <summary>
/// With a bearer scheme: a request that a bearer token alone authenticates needs no antiforgery
/// token, one that carries any cookie still does, 401 is problem+json, and the limiter counts per user.
/// </summary>
public sealed class BearerAuthenticationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Write_WithABearerTokenAndNoCookie_NeedsNoAntiforgeryToken()
    {
        using var client = Bearer().CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ApiFactory.HttpsAddress, HandleCookies = false });
        using var write = Write("/test/signed-in", TestTokens.For("alice"));

        using var response = await client.SendAsync(write);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Write_WithABearerTokenAndACookie_StillNeedsTheAntiforgeryToken()
    {
        using var client = Bearer().CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ApiFactory.HttpsAddress, HandleCookies = false });
        using var write = Write("/test/signed-in", TestTokens.For("alice"));
        write.Headers.Add("Cookie", "session=whatever");

        using var response = await client.SendAsync(write);

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.AntiforgeryTokenMissing);
        Assert.Contains("antiforgery", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Write_WithoutAValidBearerToken_StillNeedsTheAntiforgeryToken(string? token)
    {
        using var client = Bearer().CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ApiFactory.HttpsAddress, HandleCookies = false });
        using var write = Write("/test/echo", token);

        using var response = await client.SendAsync(write);

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.AntiforgeryTokenMissing);
    }

    [Fact]
    public async Task AuthorizedEndpoint_WithoutAUser_Is401Problem_WithTheSecurityHeaders()
    {
        using var client = Bearer().CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ApiFactory.HttpsAddress, HandleCookies = false });
        using var write = Write("/test/signed-in", token: null);

        using var response = await client.SendAsync(write);

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthenticated);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    [Fact]
    public async Task RateLimits_CountEachUserApart()
    {
        var host = Bearer(("RateLimiting:Global:PermitLimit", "2"));
        using var client = host.CreateClient();

        async Task<HttpStatusCode> GetAsUser(string user)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/antiforgery/token");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(user));
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        var alice = new[] { await GetAsUser("alice"), await GetAsUser("alice"), await GetAsUser("alice") };
        var bob = await GetAsUser("bob");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], alice);
        Assert.Equal(HttpStatusCode.OK, bob);
    }

    [Theory]
    [InlineData("Authentication:Schemes:Bearer:SigningKeys:0:Value", "", "is empty")]
    [InlineData("Authentication:Schemes:Bearer:SigningKeys:0:Value", "c2hvcnQ=", "is 5 bytes")]
    [InlineData("Authentication:Schemes:Bearer:ValidAudiences:0", "", "is empty")]
    [InlineData("Authentication:Schemes:Bearer:Authority", "http://login.example.com", "http://login.example.com")]
    [InlineData("Authentication:Schemes:Bearer:RequireHttpsMetadata", "false", "is false outside Development")]
    public void UnusableBearerSettings_StopTheServiceAtStartup(string key, string value, string named)
    {
        using var misconfigured = Bearer((key, value));

        StartupAssert.RefusesToStart(misconfigured, key.EndsWith(":0", StringComparison.Ordinal) ? key[..^2] : key, named);
    }

    [Fact]
    public void ABearerSchemeWithNeitherAuthorityNorSigningKey_StopsTheServiceAtStartup()
    {
        using var misconfigured = factory.WithSettings(("TestHost:Bearer", "true"), ("Authentication:Schemes:Bearer:ValidAudiences:0", TestTokens.Audience));

        StartupAssert.RefusesToStart(misconfigured, "Authentication:Schemes:Bearer", "neither Authority nor SigningKeys");
    }

    [Fact]
    public async Task ABearerSchemeConfiguredInCode_StartsAndAcceptsItsTokens()
    {
        // As ASP.NET Core's documentation writes it: AddJwtBearer(options => ...), no configuration.
        using var client = InCode(_ => { }).CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ApiFactory.HttpsAddress, HandleCookies = false });
        using var write = Write("/test/signed-in", TestTokens.For("alice"));

        using var response = await client.SendAsync(write);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("ValidateAudience")]
    [InlineData("ValidateIssuer")]
    [InlineData("ValidateLifetime")]
    [InlineData("RequireHttpsMetadata")]
    public void ATokenCheckTurnedOffInCode_StopsTheServiceOutsideDevelopment(string setting)
    {
        using var weakened = InCode(bearer =>
        {
            var tokens = bearer.TokenValidationParameters;
            (tokens.ValidateAudience, tokens.ValidateIssuer, tokens.ValidateLifetime, bearer.RequireHttpsMetadata) =
                (setting != "ValidateAudience", setting != "ValidateIssuer", setting != "ValidateLifetime", setting != "RequireHttpsMetadata");
        });

        StartupAssert.RefusesToStart(weakened, $"Authentication:Schemes:Bearer:{setting}", "is false outside Development");
    }

    private WebApplicationFactory<Program> InCode(Action<JwtBearerOptions> weaken) =>
        factory.WithSettings(("TestHost:Bearer", "true")).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer =>
            {
                bearer.Audience = TestTokens.Audience;
                bearer.TokenValidationParameters.ValidIssuer = TestTokens.Issuer;
                bearer.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(
                    Convert.FromBase64String(TestTokens.Settings.Single(setting => setting.Key.EndsWith(":Value", StringComparison.Ordinal)).Value));
                weaken(bearer);
            })));

    private WebApplicationFactory<Program> Bearer(params (string Key, string Value)[] settings) =>
        factory.WithSettings([("TestHost:Bearer", "true"), .. TestTokens.Settings, .. settings]);

    private static HttpRequestMessage Write(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { text = "hello" }) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
