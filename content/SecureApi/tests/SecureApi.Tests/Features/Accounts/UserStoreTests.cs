using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Accounts;

/// <summary>
/// A user store without the schema this build ships stops the service before it listens, and
/// <c>/health</c> tells when the store is lost while it runs: neither waits for a 500 on /auth.
/// </summary>
public sealed class UserStoreTests
{
    [Fact]
    public void AStoreWithoutItsSchema_StopsTheServiceAtStartup_NamingTheKeyAndTheCommand()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"secureapi-tests-empty-{Guid.NewGuid():N}.db");
        using var factory = new ApiFactory();
        using var unmigrated = factory.WithSettings(("ConnectionStrings:Identity", $"Data Source={empty}"));

        var refusal = Assert.ThrowsAny<Exception>(() => unmigrated.CreateClient());

        Assert.Contains("ConnectionStrings:Identity: the user store lacks", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet ef database update", refusal.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        File.Delete(empty);
    }

    [Fact]
    public async Task Health_Is503_OnceTheStoreIsLost_AndNotBeforeItsCachedResultExpires()
    {
        var clock = new ManualClock();
        using var factory = new ApiFactory();
        using var timed = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var client = timed.CreateClient();

        using var before = await client.GetAsync(new Uri("/health", UriKind.Relative));
        SqliteConnection.ClearAllPools();
        File.Delete(new SqliteConnectionStringBuilder(factory.UserStore).DataSource);
        using var cached = await client.GetAsync(new Uri("/health", UriKind.Relative));
        clock.Advance(TimeSpan.FromSeconds(6));
        using var after = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal("{\"status\":\"Unhealthy\"}", await after.Content.ReadAsStringAsync());
    }
}
