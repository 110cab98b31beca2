using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;

namespace RateLimiting.Benchmarks;

/// <summary>
/// One request through each pipeline, from one client or cycling through many (each client has
/// its own limiter, so many clients also measure the lookup of a client among many).
/// </summary>
[MemoryDiagnoser]
public class LimiterStageBenchmarks
{
    private RequestDelegate _withoutLimiter = null!;
    private RequestDelegate _naivePerAddress = null!;
    private RequestDelegate _template = null!;
    private HttpContext[] _requests = [];
    private int _next;

    /// <summary>How many distinct clients the requests come from.</summary>
    [Params(1, 10_000)]
    public int Clients { get; set; }

    /// <summary>Builds the pipelines and the requests.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _withoutLimiter = Pipelines.WithoutLimiter();
        _naivePerAddress = Pipelines.NaivePerAddress();
        _template = Pipelines.Template();
        _requests = [.. Enumerable.Range(0, Clients).Select(Pipelines.RequestFrom)];
    }

    /// <summary>The pipeline with no limiter.</summary>
    /// <returns>The request.</returns>
    [Benchmark]
    public Task WithoutLimiter() => _withoutLimiter(NextRequest());

    /// <summary>The naive per-IP limiter.</summary>
    /// <returns>The request.</returns>
    [Benchmark(Baseline = true)]
    public Task NaivePerAddress() => _naivePerAddress(NextRequest());

    /// <summary>The generated service's limiter.</summary>
    /// <returns>The request.</returns>
    [Benchmark]
    public Task Template() => _template(NextRequest());

    private HttpContext NextRequest()
    {
        _next = _next + 1 == _requests.Length ? 0 : _next + 1;
        return _requests[_next];
    }
}
