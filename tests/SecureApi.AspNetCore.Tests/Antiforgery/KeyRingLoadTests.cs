using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SecureApi.AspNetCore.Tests.Antiforgery;

/// <summary>
/// The key ring is loaded (and its first key made) by the time the service has sent its first
/// response, without a request asking for a token.
/// </summary>
public sealed class KeyRingLoadTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AfterTheFirstResponse_TheKeyRingIsLoadedWithoutARequestForAToken()
    {
        var keyRing = Path.Combine(Path.GetTempPath(), "secureapi-key-ring-warm-up", Guid.NewGuid().ToString("N"));
        try
        {
            using var host = factory.WithSettings(("DataProtection:KeyRingPath", keyRing));
            host.StartServer();

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
}
