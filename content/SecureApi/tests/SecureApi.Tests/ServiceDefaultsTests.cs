using System.Net;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests;

/// <summary>
/// What this service's own configuration (appsettings*.json) makes of the protections: the
/// settings a team edits, checked end to end.
/// </summary>
public sealed class ServiceDefaultsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task UnknownRoute_InProduction_IsAProblemWithTheSecurityHeadersAndHsts()
    {
        using var client = await factory.CreateSignedInClientAsync();

        using var response = await client.GetAsync(new Uri("/no/such/route", UriKind.Relative));

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
        Assert.Equal("max-age=31536000; includeSubDomains", SecurityHeadersAssert.Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task PlainHttp_InProduction_IsRefusedOutsideTheHealthProbe()
    {
        using var client = factory.CreatePlainHttpClient();

        using var refused = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));
        using var probe = await client.GetAsync(new Uri("/health", UriKind.Relative));

        await ProblemDetailsAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, ProblemTypes.HttpsRequired);
        Assert.Null(refused.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
    }

    [Fact]
    public async Task CrossOriginRead_InProduction_IsDeniedUntilOriginsAreConfigured()
    {
        using var client = factory.CreateClient();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", "http://localhost:3000");

        CorsAssert.GrantsNothing(response);
    }

    [Fact]
    public async Task DevelopmentDefaults_AllowTheLocalFrontEnd()
    {
        using var development = new DevelopmentApiFactory();
        using var client = development.CreateClient();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", "http://localhost:3000");

        CorsAssert.AllowsOrigin(response, "http://localhost:3000");
    }
}
