using System.Net;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Admin;

public sealed class AdminCorsPolicyTests(CorsApiFactory factory) : IClassFixture<CorsApiFactory>
{
    private const string Stats = "/api/admin/stats";

    [Fact]
    public async Task Admin_FromTheBackOfficeOrigin_IsGranted()
    {
#if (AuthIdentity)
        using var client = await AntiforgeryClient.CreateAsync(factory);
#else
        using var client = factory.CreateClient();
#endif

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, Stats, CorsApiFactory.AdminOrigin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        CorsAssert.AllowsOrigin(response, CorsApiFactory.AdminOrigin);
    }

    [Fact]
    public async Task Admin_FromAnOriginOnlyTheDefaultPolicyAllows_IsNotGranted()
    {
        using var client = factory.CreateClient();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, Stats, CorsApiFactory.AllowedOrigin);

        CorsAssert.GrantsNothing(response);
    }

    [Fact]
    public async Task Preflight_ToAdmin_MeetsTheAdminPolicy()
    {
        using var client = factory.CreateClient();

        using var backOffice = await CorsApiFactory.PreflightAsync(client, Stats, CorsApiFactory.AdminOrigin, "GET");
        using var frontEnd = await CorsApiFactory.PreflightAsync(client, Stats, CorsApiFactory.AllowedOrigin, "GET");

        Assert.Equal(HttpStatusCode.NoContent, backOffice.StatusCode);
        CorsAssert.AllowsOrigin(backOffice, CorsApiFactory.AdminOrigin);
        Assert.Equal(HttpStatusCode.Forbidden, frontEnd.StatusCode);
        CorsAssert.GrantsNothing(frontEnd);
    }

    [Fact]
    public async Task Items_FromTheBackOfficeOrigin_IsNotGranted()
    {
        using var client = factory.CreateClient();

        using var response = await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/api/items", CorsApiFactory.AdminOrigin);

        CorsAssert.GrantsNothing(response);
    }
}
