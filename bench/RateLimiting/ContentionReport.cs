using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using SecureApi.AspNetCore.RateLimiting;

namespace RateLimiting.Benchmarks;

/// <summary>
/// One policy's per-client limiters, as the global limiter finds and counts a client: the
/// library's <see cref="ClientLimiters"/> against the in-box partitioned limiter over the same
/// limiters (which takes one lock around every lookup), from one thread and then from one thread
/// per core at once, each thread with clients of its own, as requests of many clients arrive on
/// a server with several cores.
/// </summary>
internal static class ContentionReport
{
    private const int Clients = 10_000;
    private const int Passes = 50;
    private const int Rounds = 7;

    public static void Run()
    {
        var policy = new RateLimitPolicyOptions { PermitLimit = int.MaxValue, WindowSeconds = 60 };
        using var library = new ClientLimiters(policy);
        var limiters = RateLimitPartitions.LimiterFactory(policy);
        using var inBox = PartitionedRateLimiter.Create<ClientPartitionKey, ClientPartitionKey>(key => RateLimitPartition.Get(key, limiters));
        var clients = Enumerable.Range(0, Clients).Select(client => new ClientPartitionKey(null, (UInt128)client)).ToArray();

        Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "one policy's per-client limiters, {0:N0} clients, wall time per request (median of {1} rounds):",
            Clients,
            Rounds));
        foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            var libraryTime = Median(() => Measure(key => library.AttemptAcquire(key, 1), clients, threads));
            var inBoxTime = Median(() => Measure(key => inBox.AttemptAcquire(key, 1), clients, threads));
            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "  {0} thread(s): ClientLimiters {1,5:F0} ns   in-box partitioned {2,5:F0} ns   ratio {3:F2}",
                threads,
                libraryTime,
                inBoxTime,
                libraryTime / inBoxTime));
        }
    }

    private static double Median(Func<double> measure)
    {
        measure(); // warm-up: the clients' limiters are created, the code compiled
        var times = Enumerable.Range(0, Rounds).Select(_ => measure()).Order().ToArray();
        return times[Rounds / 2];
    }

    private static double Measure(Func<ClientPartitionKey, RateLimitLease> acquire, ClientPartitionKey[] clients, int threads)
    {
        var clock = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            for (var pass = 0; pass < Passes; pass++)
            {
                for (var client = thread; client < clients.Length; client += threads)
                {
                    using var lease = acquire(clients[client]);
                }
            }
        });
        return clock.Elapsed.TotalNanoseconds / ((double)Passes * clients.Length);
    }
}
