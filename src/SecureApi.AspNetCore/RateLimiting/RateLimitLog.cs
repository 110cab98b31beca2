namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>Log messages of the rate limiter.</summary>
internal static partial class RateLimitLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Rate limit {Policy} refused {Method} {Path}; retry after {RetryAfterSeconds} s")]
    public static partial void Rejected(ILogger logger, string policy, string method, string path, int retryAfterSeconds);
}
