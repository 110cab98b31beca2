using System.Globalization;
using BenchmarkDotNet.Reports;

namespace RateLimiting.Benchmarks;

/// <summary>
/// What the limiter stage costs per request: each limiter's median minus the pipeline without
/// one, and, given the bare endpoint's throughput on one core, that cost as its share.
/// </summary>
internal static class StageReport
{
    public static void Print(Summary summary, double? bareRequestsPerSecond)
    {
        Console.WriteLine();
        Console.WriteLine("limiter stage per request (median minus the pipeline without a limiter):");
        foreach (var clients in summary.Reports.GroupBy(report => report.BenchmarkCase.Parameters["Clients"]))
        {
            BenchmarkReport Report(string method) => clients.Single(report => report.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);
            double Median(string method) => Report(method).ResultStatistics!.Median;
            long Allocated(string method)
            {
                var report = Report(method);
                return report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            }

            var none = Median(nameof(LimiterStageBenchmarks.WithoutLimiter));
            var naive = Median(nameof(LimiterStageBenchmarks.NaivePerAddress)) - none;
            var template = Median(nameof(LimiterStageBenchmarks.Template)) - none;
            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "  {0,6} clients: template {1,6:F0} ns, {2} B   naive per-IP {3,6:F0} ns, {4} B   template/naive {5:F2}",
                clients.Key,
                template,
                Allocated(nameof(LimiterStageBenchmarks.Template)),
                naive,
                Allocated(nameof(LimiterStageBenchmarks.NaivePerAddress)),
                template / naive));
            if (bareRequestsPerSecond is { } rps)
            {
                // One server core served rps requests a second: 1e9 / rps ns of CPU each.
                var bareNanoseconds = 1e9 / rps;
                Console.WriteLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "  {0,6} clients: as a share of the bare endpoint's {1:F1} µs per request: template {2:P1}, naive per-IP {3:P1}",
                    clients.Key,
                    bareNanoseconds / 1000,
                    template / bareNanoseconds,
                    naive / bareNanoseconds));
            }
        }
    }
}
