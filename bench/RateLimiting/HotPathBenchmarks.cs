using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Primitives;
using SecureApi.AspNetCore.Antiforgery;
using SecureApi.AspNetCore.Cors;
using SecureApi.AspNetCore.Headers;
using SecureApi.AspNetCore.RateLimiting;

namespace RateLimiting.Benchmarks;

/// <summary>
/// The library's per-request code outside the limiter, one call at a time, with what it
/// allocates: origin matching (exact, wildcard, denied), a preflight's method and headers against
/// the policy, the cross-site check, the client's partition key and the security header writer.
/// </summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private const string ExactOrigin = "https://app.example.com";
    private const string WildcardOrigin = "https://shop.eu.example.net";
    private const string DeniedOrigin = "https://app.example.com.evil.example";

    private readonly UInt128 _ipv6Mask = ClientPartitionKey.PrefixMask(64);
    private static readonly StringValues PreflightHeaders = "content-type, x-xsrf-token";

    private OriginAllowlist _origins = null!;
    private CompiledCorsPolicy _policy = null!;
    private CrossSiteRequestCheck _crossSite = null!;
    private SecurityHeadersWriter _headers = null!;
    private DefaultHttpContext _write = null!;
    private DefaultHttpContext _response = null!;

    [GlobalSetup]
    public void Setup()
    {
        _origins = OriginAllowlist.Create(new[] { ExactOrigin, "https://admin.example.com", "https://*.example.net" }
            .Select(origin => OriginEntry.TryParse(origin, out var entry, out _) ? entry : throw new InvalidOperationException(origin)));

        _policy = new CompiledCorsPolicy(string.Empty, new ApiCorsPolicyOptions(), _origins);

        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production })
            .AddLogging()
            .AddApiCors()
            .AddApiAntiforgery()
            .AddApiSecurityHeaders()
            .BuildServiceProvider();
        _crossSite = services.GetRequiredService<CrossSiteRequestCheck>();
        _headers = services.GetRequiredService<SecurityHeadersWriter>();

        _write = new DefaultHttpContext();
        _write.Request.Method = HttpMethods.Post;
        _write.Request.Scheme = Uri.UriSchemeHttps;
        _write.Request.Host = new HostString("api.example.com");
        _write.Request.Headers["Sec-Fetch-Site"] = "same-origin";
        _write.Connection.RemoteIpAddress = IPAddress.Parse("2001:db8::1234");

        _response = new DefaultHttpContext();
        _response.Request.Scheme = Uri.UriSchemeHttps;
        _response.Request.Host = new HostString("api.example.com");
        _headers.Write(_response); // the dictionary holds the headers' keys from now on
    }

    [Benchmark]
    public bool ExactOriginMatch() => _origins.Contains(ExactOrigin);

    [Benchmark]
    public bool WildcardOriginMatch() => _origins.Contains(WildcardOrigin);

    [Benchmark]
    public bool DeniedOriginMatch() => _origins.Contains(DeniedOrigin);

    [Benchmark]
    public bool PreflightGrant() => _policy.Grants(HttpMethods.Post, PreflightHeaders);

    [Benchmark]
    public bool CrossSiteCheck() => _crossSite.IsAllowed(_write);

    [Benchmark]
    public UInt128 PartitionKey() => ClientPartitionKey.For(_write, _ipv6Mask).Address;

    [Benchmark]
    public void SecurityHeaders() => _headers.Write(_response);
}
