using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.AspNetCore.Tests;

/// <summary>
/// Settings in code, beside the configuration sections: <c>AddX(options => ...)</c> after
/// <c>AddApiSecurity()</c>, as a service that composes by hand writes it.
/// </summary>
public sealed class CodeConfigurationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string CodeOrigin = "https://from-code.example.com";

    [Fact]
    public async Task AddApiCors_InCode_AllowsItsOrigins()
    {
        using var configured = WithServices(services => services.AddApiCors(cors => cors.Default.AllowedOrigins = [CodeOrigin]));
        using var client = configured.CreateClient();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", CodeOrigin);

        CorsAssert.AllowsOrigin(response, CodeOrigin);
    }

    [Fact]
    public void AddApiCors_InCode_IsValidatedLikeConfiguration_AndRefusedOnce()
    {
        using var configured = WithServices(services => services.AddApiCors(cors => cors.Default.AllowedOrigins = ["https://app.example.com/path"]));

        StartupAssert.RefusesToStart(configured, "Cors:AllowedOrigins", "https://app.example.com/path");
    }

    [Fact]
    public async Task AddApiRateLimiting_InCode_SetsTheGlobalLimit()
    {
        using var configured = WithServices(services => services.AddApiRateLimiting(limits => limits.Global.PermitLimit = 1));
        using var client = configured.CreateClient();

        using var first = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));
        using var second = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        await ProblemDetailsAssert.IsProblemAsync(second, System.Net.HttpStatusCode.TooManyRequests, ProblemTypes.RateLimited);
    }

    [Theory]
    [InlineData("UseApiCors", "services.AddApiCors()")]
    [InlineData("UseApiRateLimiting", "services.AddApiRateLimiting()")]
    [InlineData("UseApiAntiforgery", "services.AddApiAntiforgery()")]
    [InlineData("UseApiForwardedHeaders", "services.AddApiHttps()")]
    [InlineData("UseApiSecurityHeaders", "services.AddApiSecurityHeaders()")]
    public void UseX_WithoutItsAddX_FailsAtStartupNamingTheMissingCall(string use, string missing)
    {
        using var app = WebApplication.CreateSlimBuilder().Build();
        Action<IApplicationBuilder> call = use switch
        {
            "UseApiCors" => builder => builder.UseApiCors(),
            "UseApiRateLimiting" => builder => builder.UseApiRateLimiting(),
            "UseApiAntiforgery" => builder => builder.UseApiAntiforgery(),
            "UseApiForwardedHeaders" => builder => builder.UseApiForwardedHeaders(),
            _ => builder => builder.UseApiSecurityHeaders(),
        };

        var error = Assert.Throws<InvalidOperationException>(() => call(app));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> WithServices(Action<IServiceCollection> configure) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(configure));
}
