using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SecureApi.AspNetCore.DataProtection;

namespace SecureApi.AspNetCore.Tests.Antiforgery;

/// <summary>
/// The health probe tells when the key ring that every antiforgery token needs is gone, and costs
/// no disk I/O or cryptography per probe: a result answers the probes of the next few seconds.
/// </summary>
public sealed class KeyRingHealthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Health_WhenTheKeyRingCannotBeWritten_IsUnhealthy_OnceTheCachedResultExpires()
    {
        var keyRing = Path.Combine(Path.GetTempPath(), "secureapi-key-ring-health", Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider();
        try
        {
            using var host = HostOn(keyRing, time);
            using var client = host.CreateClient();
            using var healthy = await client.GetAsync(new Uri("/health", UriKind.Relative));

            // The folder is replaced by a file, as a lost volume mount would leave it unusable.
            Directory.Delete(keyRing, recursive: true);
            await File.WriteAllTextAsync(keyRing, "not a folder");

            // Within the period the probe answers from the last check, touching neither disk nor keys.
            time.Advance(KeyRingHealthCheck.CachePeriod - TimeSpan.FromMilliseconds(1));
            using var cached = await client.GetAsync(new Uri("/health", UriKind.Relative));

            time.Advance(TimeSpan.FromMilliseconds(1));
            using var unhealthy = await client.GetAsync(new Uri("/health", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
            Assert.DoesNotContain(keyRing, await unhealthy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(keyRing);
        }
    }

    [Fact]
    public async Task ManyProbes_WithinThePeriod_WriteNothingToTheKeyRingsFolder()
    {
        var keyRing = Path.Combine(Path.GetTempPath(), "secureapi-key-ring-health", Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider();
        try
        {
            using var host = HostOn(keyRing, time);
            using var client = host.CreateClient();
            using var first = await client.GetAsync(new Uri("/health", UriKind.Relative));
            var writes = new List<string>();
            using var watcher = new FileSystemWatcher(keyRing) { EnableRaisingEvents = true };
            watcher.Created += (_, change) => writes.Add(change.Name!);

            var probes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetAsync(new Uri("/health", UriKind.Relative))));
            await Task.Delay(200);

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.All(probes, probe => Assert.Equal(HttpStatusCode.OK, probe.StatusCode));
            Assert.Empty(writes);
            foreach (var probe in probes)
            {
                probe.Dispose();
            }
        }
        finally
        {
            Directory.Delete(keyRing, recursive: true);
        }
    }

    private WebApplicationFactory<Program> HostOn(string keyRing, FakeTimeProvider time) => factory
        .WithSettings(("DataProtection:KeyRingPath", keyRing))
        .WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time)));
}
