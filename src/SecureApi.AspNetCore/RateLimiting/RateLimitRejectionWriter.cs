using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Diagnostics;
using SecureApi.AspNetCore.Errors;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// Answers a refused request with 429 problem+json, <c>Retry-After</c> in seconds and the IETF
/// <c>RateLimit-Policy</c> and <c>RateLimit</c> headers, so that a client knows when to come back.
/// The in-box limiter would answer 503 with none of these, and its concurrency limiter gives no
/// retry time at all: a second is suggested then. While a shared store is unreachable and the
/// limiter fails closed, the answer is 503 instead.
/// </summary>
internal sealed class RateLimitRejectionWriter(
    IOptions<ApiRateLimitingOptions> options,
    IProblemDetailsService problemDetails,
    ILogger<RateLimitRejectionWriter> logger,
    SecurityMetrics metrics,
    TimeProvider time)
{
    private const int FallbackRetryAfterSeconds = 1;

    // Long enough for a reconnect; the body names no dependency.
    private const string StoreRetryAfterSeconds = "5";

    // A client over its limit sets the rate of rejections.
    private readonly LogThrottle _throttle = new(time);

    /// <summary>Writes the rejection.</summary>
    /// <param name="context">The rejection context.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public async ValueTask WriteAsync(OnRejectedContext context)
    {
        var httpContext = context.HttpContext;
        if (context.Lease is StoreUnavailableRejection)
        {
            metrics.RateLimited("store_unavailable");
            httpContext.Response.Headers.RetryAfter = StoreRetryAfterSeconds;
            await problemDetails.WriteStatusAsync(httpContext, new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ApiProblemTypes.RateLimitStoreUnavailable,
                Title = "Service unavailable",
                Detail = $"Rate limits cannot be checked right now; retry after {StoreRetryAfterSeconds} seconds.",
            });
            return;
        }

        var rule = RuleOf(context);
        var name = rule.Name;
        metrics.RateLimited(name);
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, RateLimitHeaders.Seconds(wait))
            : FallbackRetryAfterSeconds;
        var seconds = retryAfter.ToString(CultureInfo.InvariantCulture);

        httpContext.Response.Headers.RetryAfter = seconds;
        RateLimitHeaders.Write(httpContext.Response, rule, 0, retryAfter);

        if (logger.IsEnabled(LogLevel.Information))
        {
            LogRejection(httpContext, name, retryAfter);
        }

        await problemDetails.WriteStatusAsync(httpContext, new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Type = ApiProblemTypes.RateLimited,
            Title = "Too many requests",
            Detail = rule.ExhaustedDetail(retryAfter),
        });
    }

    private void LogRejection(HttpContext httpContext, string policy, long retryAfter)
    {
        if (!_throttle.TryTake(out var suppressedBefore))
        {
            return;
        }

        if (suppressedBefore > 0)
        {
            RateLimitLog.RejectionsSuppressed(logger, suppressedBefore, LogThrottle.WindowSeconds);
        }

        var method = LogValue.Sanitize(httpContext.Request.Method);
        var path = LogValue.Sanitize(httpContext.Request.Path.Value);
        RateLimitLog.Rejected(logger, policy, method, path, retryAfter);
    }

    // The global limiter's refusals name their rule; the in-box middleware's (concurrency policies) do not.
    private RateLimitRule RuleOf(OnRejectedContext context)
    {
        if (context.Lease is PolicyRejection rejection)
        {
            return rejection.Rule;
        }

        var settings = options.Value;
        var name = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        return name is not null && settings.Policies.TryGetValue(name, out var policy)
            ? new RateLimitRule(name, policy)
            : new RateLimitRule(ApiRateLimitingOptions.GlobalPolicyName, settings.Global);
    }
}
