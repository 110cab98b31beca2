using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SecureApi.AspNetCore.DataProtection;

namespace SecureApi.AspNetCore.Tests.Antiforgery;

/// <summary>
/// The key ring is loaded (and its first key made) once the service has started, without a
/// request asking for it and without holding up the start.
/// </summary>
public sealed class KeyRingWarmUpTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AfterStart_TheKeyRingIsLoadedWithoutARequestForAToken()
    {
        var keyRing = Path.Combine(Path.GetTempPath(), "secureapi-key-ring-warm-up", Guid.NewGuid().ToString("N"));
        try
        {
            using var host = factory.WithSettings(("DataProtection:KeyRingPath", keyRing));
            host.StartServer();

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
    public void DataProtectionsOwnStartupLoad_IsReplaced()
    {
        var hostedServices = factory.Services.GetServices<IHostedService>().ToList();

        Assert.Single(hostedServices.OfType<KeyRingWarmUp>());
        Assert.DoesNotContain(hostedServices, service => service.GetType().Name == "DataProtectionHostedService");
    }
}
