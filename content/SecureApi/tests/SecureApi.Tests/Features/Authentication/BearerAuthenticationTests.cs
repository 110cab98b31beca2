using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
#if (sample)
using System.Net.Http.Json;
using SecureApi.Features.Items;
#endif
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Authentication;

/// <summary>
/// Callers authenticate with bearer tokens: each user has a rate limit of their own, and in the
/// sample writes need a user, the administrative area a role, and a machine client with a token
/// and no cookie needs no antiforgery token.
/// </summary>
public sealed class BearerAuthenticationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task RateLimits_CountEachUserApart()
    {
        using var limited = factory.WithSettings(("RateLimiting:Policies:Token:PermitLimit", "1"));
        using var client = limited.CreateClient(new() { BaseAddress = ApiFactory.HttpsAddress, HandleCookies = false });

        async Task<HttpStatusCode> TokenFor(string user)
        {
            using var request = WithToken(HttpMethod.Get, "/antiforgery/token", TestTokens.Header(user));
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        var alice = new[] { await TokenFor("alice"), await TokenFor("alice") };
        var bob = await TokenFor("bob");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], alice);
        Assert.Equal(HttpStatusCode.OK, bob);
    }

    [Theory]
    [InlineData("ValidateLifetime")]
    [InlineData("ValidateAudience")]
    public void ATokenCheckTurnedOffInCode_StopsTheServiceAtStartup(string setting)
    {
        // The check reads the options the handler uses, wherever they were set.
        using var weakened = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer =>
            {
                bearer.TokenValidationParameters.ValidateLifetime = setting != "ValidateLifetime";
                bearer.TokenValidationParameters.ValidateAudience = setting != "ValidateAudience";
            })));

        var refusal = Assert.ThrowsAny<Exception>(() => weakened.CreateClient());

        Assert.Contains($"Authentication:Schemes:Bearer:{setting} is false", refusal.Message, StringComparison.Ordinal);
    }
#if (sample)

    [Fact]
    public async Task Write_WithoutAToken_Is401ProblemAndCreatesNothing()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();
        client.DefaultRequestHeaders.Authorization = null;

        using var response = await client.PostAsJsonAsync("/api/items", new { name = "Anonymous", quantity = 1 });

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthenticated);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
        var items = await client.GetFromJsonAsync<Item[]>("/api/items");
        Assert.DoesNotContain(items!, item => item.Name == "Anonymous");
    }

    [Fact]
    public async Task Write_WithABearerTokenAndNoCookie_NeedsNoAntiforgeryToken()
    {
        using var machine = factory.CreateClient(new() { BaseAddress = ApiFactory.HttpsAddress, HandleCookies = false });

        using var response = await machine.PostAsJsonAsync("/api/items", new { name = "From a job", quantity = 3 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Write_WithABearerTokenAndTheAntiforgeryCookie_StillNeedsTheHeader()
    {
        using var client = factory.CreateClient();
        await AntiforgeryClient.FetchTokenAsync(client);

        using var response = await client.PostAsJsonAsync("/api/items", new { name = "Riding a cookie", quantity = 1 });

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.AntiforgeryTokenMissing);
    }

    [Theory]
    [InlineData("no grant")]
    [InlineData("an app-only token with another role")]
    [InlineData("the scope without a subject")]
    public async Task Write_WithoutTheWritesGrant_Is403ProblemAndCreatesNothing(string token)
    {
        using var client = factory.CreateClient(new() { BaseAddress = ApiFactory.HttpsAddress, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = token switch
        {
            "no grant" => TestTokens.Header("reader"),
            "an app-only token with another role" => TestTokens.Header("daemon-app", ("roles", "Reports.Read"), ("idtyp", "app")),
            _ => new("Bearer", TestTokens.WithoutSubject(("scope", "items.write"))),
        };
        var name = $"Forbidden {Guid.NewGuid():N}";

        using var response = await client.PostAsJsonAsync("/api/items", new { name, quantity = 1 });

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        var items = await client.GetFromJsonAsync<Item[]>("/api/items");
        Assert.DoesNotContain(items!, item => item.Name == name);
    }

    [Fact]
    public async Task Writes_AreGrantedByAConfiguredRole()
    {
        using var roles = factory.WithSettings(("Authorization:Writes:Roles:0", "Items.Writer"));
        using var client = roles.CreateClient(new() { BaseAddress = ApiFactory.HttpsAddress, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = TestTokens.Header("writer-app", ("roles", "Items.Writer"));

        using var response = await client.PostAsJsonAsync("/api/items", new { name = "By role", quantity = 1 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public void AWritesGrantOfNoRoleAndNoScope_StopsTheServiceAtStartup()
    {
        using var nobody = factory.WithSettings(("Authorization:Writes:Scopes:0", " "));

        var refusal = Assert.ThrowsAny<Exception>(() => nobody.CreateClient());

        Assert.Contains("Authorization:Writes:Roles and Authorization:Writes:Scopes are both empty", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_WithoutTheRole_Is403Problem_AndWithoutAUser401()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.Header("no-role-user");
        using var forbidden = await client.GetAsync(new Uri("/api/admin/stats", UriKind.Relative));
        client.DefaultRequestHeaders.Authorization = null;
        using var anonymous = await client.GetAsync(new Uri("/api/admin/stats", UriKind.Relative));

        await ProblemDetailsAssert.IsProblemAsync(forbidden, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await ProblemDetailsAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized, ProblemTypes.Unauthenticated);
    }

    [Fact]
    public async Task Admin_IsGrantedByAConfiguredScope()
    {
        using var scoped = factory.WithSettings(("Authorization:Admin:Scopes:0", "admin"));
        using var client = scoped.CreateClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.Header("scoped-user", ("scope", "read admin"));

        using var response = await client.GetAsync(new Uri("/api/admin/stats", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
#endif

    private static HttpRequestMessage WithToken(HttpMethod method, string path, System.Net.Http.Headers.AuthenticationHeaderValue? token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = token;
        return request;
    }
}
