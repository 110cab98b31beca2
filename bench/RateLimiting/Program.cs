// The rate limiter stage of a generated service, against the naive per-IP limiter, and the
// library's other per-request code.
//
//   dotnet run -c Release -- stage [bare-endpoint-req/s]   per-request cost (BenchmarkDotNet;
//                                                          LONG=1 for its default job, steadier
//                                                          than the short one)
//   dotnet run -c Release -- partitions [clients]          memory with very many clients
//   dotnet run -c Release -- contention                    the global limiter from one thread and
//                                                          from one per core at once
//   dotnet run -c Release -- hot                           origin matching, a preflight's check,
//                                                          the cross-site check, the partition key
//                                                          and the header writer, with their
//                                                          allocations
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RateLimiting.Benchmarks;

switch (args)
{
    case ["partitions", .. var rest]:
        await PartitionMemory.RunAsync(rest is [var clients] ? int.Parse(clients, CultureInfo.InvariantCulture) : 1_000_000);
        return 0;
    case ["contention"]:
        ContentionReport.Run();
        return 0;
    case ["hot"]:
        var hot = BenchmarkRunner.Run<HotPathBenchmarks>(Config());
        return hot.HasCriticalValidationErrors || hot.Reports.Any(report => !report.Success) ? 1 : 0;
    case ["stage", .. var rest]:
        var summary = BenchmarkRunner.Run<LimiterStageBenchmarks>(Config());
        StageReport.Print(summary, rest is [var rps] ? double.Parse(rps, CultureInfo.InvariantCulture) : null);
        return summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success) ? 1 : 0;
    default:
        Console.Error.WriteLine("usage: stage [bare-endpoint-req/s] | partitions [clients] | contention | hot");
        return 2;
}

static ManualConfig Config() => ManualConfig.Create(DefaultConfig.Instance)
    .AddJob((Environment.GetEnvironmentVariable("LONG") == "1" ? Job.Default : Job.ShortRun.WithWarmupCount(10).WithIterationCount(5)).WithToolchain(InProcessEmitToolchain.Instance))
    .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "secureapi-bench-artifacts"));
