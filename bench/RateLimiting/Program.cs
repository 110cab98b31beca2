// The rate limiter stage of a generated service, against the naive per-IP limiter.
//
//   dotnet run -c Release -- stage [bare-endpoint-req/s]   per-request cost (BenchmarkDotNet;
//                                                          LONG=1 for its default job, steadier
//                                                          than the short one)
//   dotnet run -c Release -- partitions [clients]          memory with very many clients
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
    case ["stage", .. var rest]:
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob((Environment.GetEnvironmentVariable("LONG") == "1" ? Job.Default : Job.ShortRun.WithWarmupCount(10).WithIterationCount(5)).WithToolchain(InProcessEmitToolchain.Instance))
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "secureapi-bench-artifacts"));
        var summary = BenchmarkRunner.Run<LimiterStageBenchmarks>(config);
        StageReport.Print(summary, rest is [var rps] ? double.Parse(rps, CultureInfo.InvariantCulture) : null);
        return summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success) ? 1 : 0;
    default:
        Console.Error.WriteLine("usage: stage [bare-endpoint-req/s] | partitions [clients]");
        return 2;
}
