using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
#if (AuthIdentity)
using Microsoft.EntityFrameworkCore;
#endif
using Microsoft.Extensions.Hosting;
#if (AuthIdentity)
using SecureApi.Features.Accounts;
#endif

namespace SecureApi.Tests.Infrastructure;

/// <summary>
/// Hosts the real service in memory, in Production unless a test says otherwise: the behaviour
/// users rely on is the Production behaviour. Clients call it over HTTPS, as a TLS-terminating
/// load balancer or the client itself would, at a host name that is not loopback.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    /// <summary>The address clients call the service at.</summary>
    public static readonly Uri HttpsAddress = new("https://api.test");

    /// <summary>The same host over plain HTTP.</summary>
    public static readonly Uri PlainHttpAddress = new("http://api.test");

    private readonly string _keyRing = Path.Combine(Path.GetTempPath(), "secureapi-tests-keys", Guid.NewGuid().ToString("N"));
#if (AuthIdentity)
    private readonly string _userStore = Path.Combine(Path.GetTempPath(), $"secureapi-tests-users-{Guid.NewGuid():N}.db");
#endif

    /// <summary>Creates the factory.</summary>
    public ApiFactory()
    {
        ClientOptions.BaseAddress = HttpsAddress;
    }

#if (AuthIdentity)
    /// <summary>The connection string of this factory's user store.</summary>
    public string UserStore => $"Data Source={_userStore}";

#endif
    /// <summary>The environment the service runs in.</summary>
    protected virtual string EnvironmentName => Environments.Production;

    /// <summary>A client that calls the service over plain HTTP.</summary>
    /// <returns>The client.</returns>
    public HttpClient CreatePlainHttpClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PlainHttpAddress });

    /// <summary>
    /// A client of a signed-in user, where the service has users: with accounts, a new one; with
    /// bearer tokens, every client carries one. In the auth modes a route the service does not
    /// map is a 404 only to a signed-in user (deny by default: anonymous callers get a 401).
    /// </summary>
    /// <returns>The client.</returns>
#if (AuthIdentity)
    public async Task<HttpClient> CreateSignedInClientAsync()
    {
        var client = CreateClient();
        await AntiforgeryClient.SignInAsync(client, $"user-{Guid.NewGuid():N}@example.com");
        return client;
    }
#else
    public Task<HttpClient> CreateSignedInClientAsync() => Task.FromResult(CreateClient());
#endif

    /// <summary>
    /// A client that has fetched an antiforgery token: its cookie is in the client's cookie jar and
    /// the token is sent in the <c>X-XSRF-TOKEN</c> header of every request, as a front end does.
    /// </summary>
    /// <returns>The client.</returns>
    public Task<HttpClient> CreateAntiforgeryClientAsync() => AntiforgeryClient.CreateAsync(this);

    /// <summary>A copy of this factory with configuration settings added, as environment variables would.</summary>
    /// <param name="settings">Keys in configuration form (<c>Section:Key</c>) and their values.</param>
    /// <returns>The new factory.</returns>
    public WebApplicationFactory<Program> WithSettings(params (string Key, string Value)[] settings) =>
        WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("DataProtection:KeyRingPath", _keyRing);

        // Every test client shares one partition (an in-memory request has no address): limits
        // large enough never to interfere. The rate limiting tests set their own.
        foreach (var policy in new[] { "Global", "Policies:Token", "Policies:Writes", "Policies:Auth", "Policies:AuthAccount" })
        {
            builder.UseSetting($"RateLimiting:{policy}:PermitLimit", "1000000");
        }
#if (AuthIdentity)

        // A user store of this factory's own, with the schema of the migrations the service ships,
        // applied before the service starts, as a deployment step applies them.
        builder.UseSetting("ConnectionStrings:Identity", UserStore);
        using var accounts = new AccountsDbContext(new DbContextOptionsBuilder<AccountsDbContext>().UseSqlite(UserStore).Options);
        accounts.Database.Migrate();
#endif
#if (AuthJwt)

        // Tokens signed with the tests' own key: no identity provider is called.
        foreach (var (key, value) in TestTokens.Settings)
        {
            builder.UseSetting(key, value);
        }
#endif
    }
#if (AuthJwt)

    /// <summary>
    /// Every client is signed in, as <see cref="TestTokens.DefaultUser"/> with the admin role and
    /// the scope that grants writes; a test of what anonymous callers get removes the header.
    /// </summary>
    /// <param name="client">The client.</param>
    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = TestTokens.Granted();
    }
#endif

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
#if (AuthIdentity)
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(_userStore);
        }
#endif
        if (disposing && Directory.Exists(_keyRing))
        {
            Directory.Delete(_keyRing, recursive: true);
        }
    }
}

/// <summary>Hosts the service in Development.</summary>
public sealed class DevelopmentApiFactory : ApiFactory
{
    /// <inheritdoc />
    protected override string EnvironmentName => Environments.Development;
}
