namespace SecureApi.AspNetCore.Configuration;

/// <summary>Log messages of the configuration validation.</summary>
internal static partial class ConfigurationLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Critical, Message = "Refusing to start: {Problem}")]
    public static partial void InvalidSetting(ILogger logger, string problem);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Unsafe for Production: {Problem}")]
    public static partial void UnsafeSetting(ILogger logger, string problem);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Security posture: {Posture}")]
    public static partial void Posture(ILogger logger, string posture);
}
