using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Tests.RateLimiting;

/// <summary>
/// What each client the limiter tracks costs, when very many distinct clients appear (a botnet, a
/// scan across an IPv6 range). Run alone: they measure the process's timers and heap.
/// </summary>
[Collection(nameof(ProcessWideMeasurements))]
public sealed class RateLimitPartitionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const int Clients = 200_000;

    [Fact]
    public void TrackedClients_HoldNoTimerEach()
    {
        using var limited = factory.WithSettings(("RateLimiting:Global:PermitLimit", "5"));
        var limiter = GlobalLimiterOf(limited);
        var timersBefore = Timer.ActiveCount;

        AcquireOnceForEachClient(limiter, 10_000);

        Assert.InRange(Timer.ActiveCount - timersBefore, long.MinValue, 100);
    }

    [Fact]
    public async Task IdleClients_AreEvicted_AndTheirMemoryReturned()
    {
        using var limited = factory.WithSettings(("RateLimiting:Global:PermitLimit", "5"), ("RateLimiting:Global:WindowSeconds", "1"));
        var limiter = GlobalLimiterOf(limited);
        var heapBefore = LiveHeapBytes();

        AcquireOnceForEachClient(limiter, Clients);

        var tracked = LiveHeapBytes() - heapBefore;
        Assert.InRange(tracked, Clients * 100L, long.MaxValue);
        Assert.Equal(1, SuccessfulLeasesOf(limiter, Clients - 1));

        // A client that was forgotten gets a new limiter, which has admitted nothing yet. The
        // in-box partitioned limiter forgets a client 10 s after its window is full again.
        var sample = Enumerable.Range(0, 100).Select(i => i * (Clients / 100)).ToArray();
        await WaitUntilAsync(() => sample.All(client => SuccessfulLeasesOf(limiter, client) == 0), "idle clients evicted");

        // The clients' limiters are freed; the lookup table (about two fifths here) keeps its
        // size for the next wave.
        await WaitUntilAsync(() => LiveHeapBytes() - heapBefore < tracked * 3 / 5, "most of their memory returned");
    }

    private static PartitionedRateLimiter<HttpContext> GlobalLimiterOf(WebApplicationFactory<Program> limited) =>
        limited.Services.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter!;

    private static void AcquireOnceForEachClient(PartitionedRateLimiter<HttpContext> limiter, int clients)
    {
        for (var client = 0; client < clients; client++)
        {
            using var lease = limiter.AttemptAcquire(RequestFrom(client));
            Assert.True(lease.IsAcquired);
        }
    }

    private static long SuccessfulLeasesOf(PartitionedRateLimiter<HttpContext> limiter, int client) =>
        limiter.GetStatistics(RequestFrom(client))!.TotalSuccessfulLeases;

    private static DefaultHttpContext RequestFrom(int client)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = new IPAddress([10, (byte)(client >> 16), (byte)(client >> 8), (byte)client]);
        return context;
    }

    private static long LiveHeapBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(250);
        }
    }
}

/// <summary>Tests that measure the whole process, and so run with no other test beside them.</summary>
[CollectionDefinition(nameof(ProcessWideMeasurements), DisableParallelization = true)]
public sealed class ProcessWideMeasurements;
