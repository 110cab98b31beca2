using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.AspNetCore.Tests.Antiforgery;

public sealed class AntiforgeryTokenEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string TokenPath = "/antiforgery/token";

    [Fact]
    public async Task Token_IsIssuedWithHeaderNameAndNeverCached()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(TokenPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("requestToken").GetString()));
        Assert.Equal("X-XSRF-TOKEN", body.GetProperty("headerName").GetString());
        Assert.True(response.Headers.CacheControl?.NoStore);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    [Fact]
    public async Task Token_IsIssuedToAnonymousCallers_WhereTheFallbackPolicyDeniesByDefault()
    {
        // A sign-in needs a token first: a service that denies by default must not lock it away.
        using var denying = factory.WithSettings([("TestHost:Bearer", "true"), .. TestTokens.Settings]).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())));
        using var client = denying.CreateClient();

        using var token = await client.GetAsync(new Uri(TokenPath, UriKind.Relative));
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, health.StatusCode);
    }

    [Fact]
    public async Task Cookie_IsHostPrefixedHttpOnlySecureStrict()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(TokenPath, UriKind.Relative));

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__Host-XSRF=", cookie, StringComparison.Ordinal);
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(attribute => attribute.ToLowerInvariant()).ToList();
        Assert.Contains("path=/", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.DoesNotContain(attributes, attribute => attribute.StartsWith("domain=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Lax", "samesite=lax")]
    [InlineData("None", "samesite=none")]
    public async Task SameSite_FromConfiguration_IsApplied(string sameSite, string expected)
    {
        using var configured = factory.WithSettings(("Antiforgery:SameSite", sameSite));
        using var client = configured.CreateClient();

        using var response = await client.GetAsync(new Uri(TokenPath, UriKind.Relative));

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains(expected, cookie.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Contains("secure", cookie.ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Antiforgery:SameSite", "Unspecified")]
    [InlineData("Antiforgery:SameSite", "Loose")]
    [InlineData("Antiforgery:SameSite", "99")]
    [InlineData("DataProtection:KeyRingPath", "/proc/not-a-place/keys")]
    [InlineData("DataProtection:KeyRingPath", "/proc")]
    [InlineData("DataProtection:KeyRingPath", "/sys/kernel")]
    public void UnsafeOrMalformedSetting_IsRefusedAtStartup(string key, string value)
    {
        using var misconfigured = factory.WithSettings((key, value));

        StartupAssert.RefusesToStart(misconfigured, key, value);
    }

    [Fact]
    public async Task Token_InDevelopmentOverPlainHttp_IsIssued()
    {
        using var development = new DevelopmentApiFactory();
        using var client = development.CreatePlainHttpClient();

        using var response = await client.GetAsync(new Uri(TokenPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("XSRF=", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
    }

    [Fact]
    public void KeyRing_IsPersisted_SoTokensSurviveARestart()
    {
        string protectedToken;
        using (var before = factory.WithSettings())
        {
            protectedToken = TokenProtector(before).Protect("token");
        }

        using var after = factory.WithSettings();

        Assert.Equal("token", TokenProtector(after).Unprotect(protectedToken));
    }

    private static IDataProtector TokenProtector(WebApplicationFactory<Program> host) =>
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1");
}
