namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>Log messages of the rate limiter.</summary>
internal static partial class RateLimitLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Rate limit {Policy} refused {Method} {Path}; retry after {RetryAfterSeconds} s")]
    public static partial void Rejected(ILogger logger, string policy, string method, string path, int retryAfterSeconds);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "{Count} more rate-limit rejections were not logged in the last {WindowSeconds} s")]
    public static partial void RejectionsSuppressed(ILogger logger, int count, int windowSeconds);
}
