using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace SecureApi.Tests.Infrastructure;

/// <summary>
/// Hosts the real service in memory, in Production unless a test says otherwise: the behaviour
/// users rely on is the Production behaviour.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    /// <summary>The environment the service runs in.</summary>
    protected virtual string EnvironmentName => Environments.Production;

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.UseEnvironment(EnvironmentName);
    }
}

/// <summary>Hosts the service in Development.</summary>
public sealed class DevelopmentApiFactory : ApiFactory
{
    /// <inheritdoc />
    protected override string EnvironmentName => Environments.Development;
}
