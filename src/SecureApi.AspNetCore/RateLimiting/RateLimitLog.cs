namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>Log messages of the rate limiter.</summary>
internal static partial class RateLimitLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Rate limit {Policy} refused {Method} {Path}; retry after {RetryAfterSeconds} s")]
    public static partial void Rejected(ILogger logger, string policy, string method, string path, long retryAfterSeconds);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "{Count} more rate-limit rejections were not logged in the last {WindowSeconds} s")]
    public static partial void RejectionsSuppressed(ILogger logger, int count, int windowSeconds);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "The shared rate-limit store ({Store}) is unreachable: {Meanwhile} until it answers again")]
    public static partial void StoreUnavailable(ILogger logger, string store, string meanwhile);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "The shared rate-limit store ({Store}) answers again: limits hold across instances again")]
    public static partial void StoreRecovered(ILogger logger, string store);
}
