using System.Net;

namespace SecureApi.AspNetCore.Tests.Antiforgery;

/// <summary>The health probe tells when the key ring that every antiforgery token needs is gone.</summary>
public sealed class KeyRingHealthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Health_WhenTheKeyRingCannotBeWritten_IsUnhealthy()
    {
        var keyRing = Path.Combine(Path.GetTempPath(), "secureapi-key-ring-health", Guid.NewGuid().ToString("N"));
        try
        {
            using var host = factory.WithSettings(("DataProtection:KeyRingPath", keyRing));
            using var client = host.CreateClient();
            using var healthy = await client.GetAsync(new Uri("/health", UriKind.Relative));

            // The folder is replaced by a file, as a lost volume mount would leave it unusable.
            Directory.Delete(keyRing, recursive: true);
            await File.WriteAllTextAsync(keyRing, "not a folder");
            using var unhealthy = await client.GetAsync(new Uri("/health", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
            Assert.DoesNotContain(keyRing, await unhealthy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(keyRing);
        }
    }
}
