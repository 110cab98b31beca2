using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests;

/// <summary>
/// Deny by default: an endpoint without a policy needs a signed-in user, and every endpoint the
/// service maps says who may call it, so that a new one cannot be public by accident.
/// </summary>
public sealed class DenyByDefaultTests
{
    [Fact]
    public async Task TheFallbackPolicy_NeedsASignedInUser()
    {
        using var factory = new ApiFactory();

        var fallback = await factory.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();

        Assert.NotNull(fallback);
        Assert.Contains(fallback.Requirements, requirement => requirement is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);
    }

    [Theory]
    [InlineData("/no/such/route")]
#if (AuthIdentity)
    [InlineData("/auth/manage/info")]
#elif (sample)
    [InlineData("/api/admin/stats")]
#endif
    public async Task AnAnonymousCaller_GetsTheSame401_ForARouteThatExistsAndOneThatDoesNot(string route)
    {
        // Nobody maps the API's routes without signing in first.
        using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;

        using var response = await client.GetAsync(new Uri(route, UriKind.Relative));

        await ProblemDetailsAssert.IsProblemAsync(response, System.Net.HttpStatusCode.Unauthorized, ProblemTypes.Unauthenticated);
    }

    [Fact]
    public void EveryEndpoint_EitherNamesItsAuthorization_OrAllowsAnonymousCallers()
    {
        // Development maps the API document and its reference page too.
        using var production = new ApiFactory();
        using var development = new DevelopmentApiFactory();

        var endpoints = new[] { production.Services, development.Services }
            .SelectMany(services => services.GetRequiredService<EndpointDataSource>().Endpoints)
            .OfType<RouteEndpoint>()
            .ToList();
        var unmarked = endpoints
            .Where(endpoint => endpoint.Metadata.GetMetadata<IAuthorizeData>() is null && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(endpoint => endpoint.DisplayName)
            .Distinct();

        Assert.Contains(endpoints, endpoint => endpoint.RoutePattern.RawText == "/openapi/v1.json");
        Assert.Empty(unmarked);
    }
}
