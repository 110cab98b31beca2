namespace SecureApi.AspNetCore.Antiforgery;

/// <summary>Log messages of the antiforgery checks. Token values are never logged.</summary>
internal static partial class AntiforgeryLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Refused {Method} {Path}: antiforgery token missing")]
    public static partial void TokenMissing(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Refused {Method} {Path}: antiforgery token invalid")]
    public static partial void TokenInvalid(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Refused cross-site {Method} {Path} (Sec-Fetch-Site {SecFetchSite}, origin {Origin})")]
    public static partial void CrossSiteRefused(ILogger logger, string method, string path, string secFetchSite, string origin);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "{Count} more antiforgery refusals were not logged in the last {WindowSeconds} s")]
    public static partial void RefusalsSuppressed(ILogger logger, int count, int windowSeconds);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "No antiforgery token issued: the key ring cannot be read ({Failure}); answered 503")]
    public static partial void KeyRingUnavailable(ILogger logger, string failure);
}
