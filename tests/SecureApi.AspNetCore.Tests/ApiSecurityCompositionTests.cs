using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SecureApi.AspNetCore.Tests;

/// <summary>How an application composes the protections: <c>AddApiSecurity</c> and <c>UseApiSecurity</c>.</summary>
public sealed class ApiSecurityCompositionTests
{
    [Fact]
    public void UseApiSecurity_WithoutAddApiSecurity_FailsAtStartupNamingTheMissingCall()
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.UseApiSecurity());

        Assert.Contains("builder.AddApiSecurity()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddApiSecurity_RegistersTheApplicationsOwnValidators()
    {
        var builder = BuilderForThisAssembly();

        builder.AddApiSecurity();
        using var app = builder.Build();

        var validator = app.Services.GetRequiredService<IValidator<Order>>();
        Assert.False(validator.Validate(new Order(0)).IsValid);
        Assert.True(validator.Validate(new Order(1)).IsValid);
    }

    [Fact]
    public void AddApiSecurity_SharesAValidatorWithoutDependencies_AndScopesOneWithDependencies()
    {
        var builder = BuilderForThisAssembly();
        builder.Host.UseDefaultServiceProvider(provider => (provider.ValidateScopes, provider.ValidateOnBuild) = (true, true));
        builder.Services.AddScoped<ShipmentLimit>();

        builder.AddApiSecurity();
        using var app = builder.Build();

        using var first = app.Services.CreateScope();
        using var second = app.Services.CreateScope();
        Assert.Same(
            first.ServiceProvider.GetRequiredService<IValidator<Order>>(),
            second.ServiceProvider.GetRequiredService<IValidator<Order>>());
        var shipment = first.ServiceProvider.GetRequiredService<IValidator<Shipment>>();
        Assert.Same(shipment, first.ServiceProvider.GetRequiredService<IValidator<Shipment>>());
        Assert.NotSame(shipment, second.ServiceProvider.GetRequiredService<IValidator<Shipment>>());
        Assert.False(shipment.Validate(new Shipment(11)).IsValid);
    }

    /// <summary>A builder whose application is this test assembly, so that its validators are found.</summary>
    /// <returns>The builder.</returns>
    internal static WebApplicationBuilder BuilderForThisAssembly() => WebApplication.CreateSlimBuilder(new WebApplicationOptions
    {
        ApplicationName = typeof(ApiSecurityCompositionTests).Assembly.GetName().Name,
    });

    internal sealed record Order(int Quantity);

    internal sealed record Shipment(int Parcels);

    internal sealed class ShipmentLimit
    {
        public int MaxParcels { get; } = 10;
    }

    internal sealed class ShipmentValidator : AbstractValidator<Shipment>
    {
        public ShipmentValidator(ShipmentLimit limit) => RuleFor(shipment => shipment.Parcels).LessThanOrEqualTo(limit.MaxParcels);
    }

    internal sealed class OrderValidator : AbstractValidator<Order>
    {
        public OrderValidator() => RuleFor(order => order.Quantity).GreaterThan(0);
    }
}
