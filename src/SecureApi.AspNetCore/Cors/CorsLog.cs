namespace SecureApi.AspNetCore.Cors;

/// <summary>Log messages of the CORS allowlist.</summary>
internal static partial class CorsLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Blocked cross-origin {Method} {Path} from origin {Origin}")]
    public static partial void BlockedOrigin(ILogger logger, string origin, string method, string path);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{Count} more blocked-origin warnings were suppressed in the last {WindowSeconds} s")]
    public static partial void BlockedOriginsSuppressed(ILogger logger, int count, int windowSeconds);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "The reloaded CORS configuration was refused; the previous policies stay in force: {Problems}")]
    public static partial void ReloadRefused(ILogger logger, string problems);
}
