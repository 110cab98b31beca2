using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace RateLimiting.Benchmarks;

/// <summary>
/// What very many distinct clients cost the generated service's limiter: the heap and timers
/// while they are tracked, and after they are forgotten, over two waves of different clients.
/// </summary>
internal static class PartitionMemory
{
    public static async Task RunAsync(int clients)
    {
        // A one-second window: a client is forgotten 10 s after its window is full again.
        using var limiter = Pipelines.TemplateGlobalLimiter(windowSeconds: 1);
        var heapBefore = LiveHeapBytes();
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0:N0} distinct clients per wave, one request each", clients));
        for (var wave = 0; wave < 2; wave++)
        {
            var first = wave * clients;
            var timersBefore = Timer.ActiveCount;
            var clock = Stopwatch.StartNew();
            for (var client = first; client < first + clients; client++)
            {
                using var lease = limiter.AttemptAcquire(Pipelines.RequestFrom(client));
            }

            var tracked = LiveHeapBytes() - heapBefore;
            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "  wave {0}: admitted in {1:F1} s; heap +{2:N0} MB ({3:N0} B per client), timers +{4:N0}",
                wave + 1,
                clock.Elapsed.TotalSeconds,
                tracked / 1e6,
                tracked / (double)clients,
                Timer.ActiveCount - timersBefore));

            clock.Restart();
            var sample = Enumerable.Range(0, 100).Select(i => first + (i * (clients / 100))).ToArray();
            while (!sample.All(client => IsForgotten(limiter, client)))
            {
                await Task.Delay(250);
            }

            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "  wave {0}: forgotten {1:F1} s later; heap +{2:N0} MB (the lookup table keeps its size)",
                wave + 1,
                clock.Elapsed.TotalSeconds,
                (LiveHeapBytes() - heapBefore) / 1e6));
        }
    }

    // A forgotten client gets a new limiter, which has admitted nothing yet.
    private static bool IsForgotten(PartitionedRateLimiter<HttpContext> limiter, int client) =>
        limiter.GetStatistics(Pipelines.RequestFrom(client))!.TotalSuccessfulLeases == 0;

    private static long LiveHeapBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
