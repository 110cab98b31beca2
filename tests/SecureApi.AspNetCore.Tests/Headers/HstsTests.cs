using Microsoft.AspNetCore.Mvc.Testing;

namespace SecureApi.AspNetCore.Tests.Headers;

public sealed class HstsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string StrictTransportSecurity = "Strict-Transport-Security";

    [Fact]
    public async Task Https_InProduction_SendsHstsForAYearWithSubdomains()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal("max-age=31536000; includeSubDomains", SecurityHeadersAssert.Header(response, StrictTransportSecurity));
    }

    [Theory]
    [InlineData("https://api.example.com:8443")]
    [InlineData("https://[2001:db8::1]:8443")]
    [InlineData("https://localhost.example.com")]
    public async Task Https_ToAnotherHostOnAnyPort_SendsHsts(string address)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(address) });

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal("max-age=31536000; includeSubDomains", SecurityHeadersAssert.Header(response, StrictTransportSecurity));
    }

    [Fact]
    public async Task PlainHttp_NeverSendsHsts()
    {
        using var client = factory.CreatePlainHttpClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Null(SecurityHeadersAssert.Header(response, StrictTransportSecurity));
    }

    [Fact]
    public async Task Https_InDevelopment_SendsNoHsts()
    {
        using var development = new DevelopmentApiFactory();
        using var client = development.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Null(SecurityHeadersAssert.Header(response, StrictTransportSecurity));
    }

    [Theory]
    [InlineData("https://localhost")]
    [InlineData("https://LocalHost:5001")]
    [InlineData("https://127.0.0.1")]
    [InlineData("https://127.0.0.1:8443")]
    [InlineData("https://[::1]:8443")]
    public async Task Https_ToLoopbackHostName_SendsNoHsts(string address)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(address) });

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Null(SecurityHeadersAssert.Header(response, StrictTransportSecurity));
    }

    [Fact]
    public async Task Preload_WhenConfigured_IsAdded()
    {
        using var preloading = factory.WithSettings(("Hsts:Preload", "true"), ("Hsts:MaxAgeSeconds", "63072000"));
        using var client = preloading.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal("max-age=63072000; includeSubDomains; preload", SecurityHeadersAssert.Header(response, StrictTransportSecurity));
    }

    [Fact]
    public void MaxAge_UnderAYear_IsRefusedAtStartup()
    {
        using var shortLived = factory.WithSettings(("Hsts:MaxAgeSeconds", "86400"));

        StartupAssert.RefusesToStart(shortLived, "Hsts:MaxAgeSeconds", "86400");
    }

    [Fact]
    public void Preload_WithoutSubdomains_IsRefusedAtStartup()
    {
        using var preloading = factory.WithSettings(("Hsts:Preload", "true"), ("Hsts:IncludeSubDomains", "false"));

        StartupAssert.RefusesToStart(preloading, "Hsts:IncludeSubDomains", "false");
    }

    [Fact]
    public void MaxAge_NotANumber_IsRefusedAtStartup()
    {
        using var malformed = factory.WithSettings(("Hsts:MaxAgeSeconds", "a-year"));

        StartupAssert.RefusesToStart(malformed, "Hsts:MaxAgeSeconds", "a-year");
    }
}
