using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.AspNetCore.RateLimiting;

namespace SecureApi.AspNetCore.Tests.RateLimiting;

public sealed class RateLimitRejectionWriterTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Rejection_WithoutRetryTime_SuggestsOneSecond()
    {
        var writer = ActivatorUtilities.CreateInstance<RateLimitRejectionWriter>(factory.Services);
        var context = new DefaultHttpContext { RequestServices = factory.Services };
        context.Response.Body = new MemoryStream();
        using var lease = new ConcurrencyRejection();

        await writer.WriteAsync(new OnRejectedContext { HttpContext = context, Lease = lease });

        Assert.Equal(StatusCodes.Status429TooManyRequests, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("\"global\";r=0;t=1", context.Response.Headers["RateLimit"].ToString());
    }

    [Fact]
    public void ExhaustedDetail_NamesThePolicy_AndTheRetryTimeOfEachRefusal()
    {
        var rule = new RateLimitRule("Writes", new RateLimitPolicyOptions { PermitLimit = 10, WindowSeconds = 60 });

        Assert.Equal("The Writes rate limit is exhausted; retry after 12 seconds.", rule.ExhaustedDetail(12));
        Assert.Equal("The Writes rate limit is exhausted; retry after 12 seconds.", rule.ExhaustedDetail(12));
        Assert.Equal("The Writes rate limit is exhausted; retry after 11 seconds.", rule.ExhaustedDetail(11));
        Assert.Equal("The Writes rate limit is exhausted; retry after 12 seconds.", rule.ExhaustedDetail(12));
    }

    /// <summary>What a concurrency limiter's refusal looks like: no retry time.</summary>
    private sealed class ConcurrencyRejection : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
