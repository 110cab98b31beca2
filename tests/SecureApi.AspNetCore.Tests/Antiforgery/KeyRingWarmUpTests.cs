using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SecureApi.AspNetCore.DataProtection;

namespace SecureApi.AspNetCore.Tests.Antiforgery;

/// <summary>
/// The key ring is loaded (and its first key made) once the service has sent its first response,
/// without a request asking for a token and without the first request waiting for it.
/// </summary>
public sealed class KeyRingWarmUpTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AfterTheFirstResponse_TheKeyRingIsLoadedWithoutARequestForAToken()
    {
        var keyRing = Path.Combine(Path.GetTempPath(), "secureapi-key-ring-warm-up", Guid.NewGuid().ToString("N"));
        try
        {
            using var host = factory.WithSettings(("DataProtection:KeyRingPath", keyRing));
            host.StartServer();
            Assert.False(host.Services.GetRequiredService<KeyRingWarmUp>().LoadStarted);

            using var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ApiFactory.HttpsAddress });
            using var response = await client.GetAsync(new Uri("/nothing-here", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!Directory.EnumerateFiles(keyRing, "key-*.xml").Any() && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.NotEmpty(Directory.EnumerateFiles(keyRing, "key-*.xml"));
        }
        finally
        {
            Directory.Delete(keyRing, recursive: true);
        }
    }

    [Fact]
    public void Starting_BuildsNoPartOfDataProtection()
    {
        var keyManagersBuilt = 0;
        using var host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            var keyManager = services.Single(service => service.ServiceType == typeof(IKeyManager));
            services.Remove(keyManager);
            services.AddSingleton<IKeyManager>(provider =>
            {
                Interlocked.Increment(ref keyManagersBuilt);
                return (IKeyManager)ActivatorUtilities.CreateInstance(provider, keyManager.ImplementationType!);
            });
        }));

        host.StartServer();

        Assert.Equal(0, Volatile.Read(ref keyManagersBuilt));
        Assert.NotNull(host.Services.GetRequiredService<IKeyManager>());
        Assert.Equal(1, Volatile.Read(ref keyManagersBuilt));
    }

    [Fact]
    public void DataProtectionsOwnStartupLoad_IsReplaced()
    {
        var hostedServices = factory.Services.GetServices<IHostedService>().ToList();

        Assert.Single(hostedServices.OfType<KeyRingWarmUp>());
        Assert.DoesNotContain(hostedServices, service => service.GetType().Name == "DataProtectionHostedService");
    }
}
