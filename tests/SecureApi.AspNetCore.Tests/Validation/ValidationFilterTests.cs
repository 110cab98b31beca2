using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace SecureApi.AspNetCore.Tests.Validation;

public sealed class ValidationFilterTests
{
    [Fact]
    public void WithValidation_OnAGroup_PutsAFilterOnlyInFrontOfTheEndpointsWithSomethingToValidate()
    {
        var builder = ApiSecurityCompositionTests.BuilderForThisAssembly();
        builder.AddApiSecurity();
        using var app = builder.Build();
        var filters = new Dictionary<string, int>();

        var orders = app.MapGroup("/orders").WithFluentValidation();
        orders.MapGet("/", () => "every order").WithDisplayName("list");
        orders.MapPost("/", (ApiSecurityCompositionTests.Order order) => order).WithDisplayName("create");
        ((IEndpointConventionBuilder)orders).Finally(endpoint => filters[endpoint.DisplayName!] = endpoint.FilterFactories.Count);
        _ = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).ToArray();

        Assert.Equal(0, filters["list"]);
        Assert.Equal(1, filters["create"]);
    }
}
