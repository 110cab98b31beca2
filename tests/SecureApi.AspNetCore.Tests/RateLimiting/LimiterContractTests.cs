using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Tests.RateLimiting;

/// <summary>
/// The limiter the in-box middleware is given answers each way the <c>RateLimiter</c> contract lets
/// a caller ask, on its own: by <c>AttemptAcquire</c> alone, by <c>AcquireAsync</c> alone, or both
/// in turn, as a framework patch may change the in-box middleware to do. None of them admits more
/// than the limit or counts a request twice.
/// </summary>
public sealed class LimiterContractTests(ApiFactory factory) : IClassFixture<ApiFactory>, IDisposable
{
    private const int Limit = 3;

    private readonly List<IDisposable> _hosts = [];

    [Fact]
    public void AttemptAcquireAlone_AdmitsExactlyTheLimit()
    {
        var limiter = FreshGlobalLimiter();
        var admitted = Enumerable.Range(0, Limit + 2).Count(_ =>
        {
            using var lease = limiter.AttemptAcquire(Request());
            return lease.IsAcquired;
        });

        Assert.Equal(Limit, admitted);
    }

    [Fact]
    public async Task AcquireAsyncAlone_AdmitsExactlyTheLimit()
    {
        var limiter = FreshGlobalLimiter();
        var admitted = 0;
        for (var i = 0; i < Limit + 2; i++)
        {
            using var lease = await limiter.AcquireAsync(Request());
            admitted += lease.IsAcquired ? 1 : 0;
        }

        Assert.Equal(Limit, admitted);
    }

    [Fact]
    public async Task AttemptThenAcquireAsync_CountsARequestOnce()
    {
        var limiter = FreshGlobalLimiter();
        var admitted = 0;
        for (var i = 0; i < Limit + 2; i++)
        {
            var context = Request();
            using var attempt = limiter.AttemptAcquire(context);
            if (attempt.IsAcquired)
            {
                admitted++;
                continue;
            }

            using var waited = await limiter.AcquireAsync(context);
            admitted += waited.IsAcquired ? 1 : 0;
        }

        Assert.Equal(Limit, admitted);
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }

    private PartitionedRateLimiter<HttpContext> FreshGlobalLimiter()
    {
        var limited = factory.WithSettings(("RateLimiting:Global:PermitLimit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _hosts.Add(limited);
        return limited.Services.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter!;
    }

    private static DefaultHttpContext Request()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.7");
        return context;
    }
}
