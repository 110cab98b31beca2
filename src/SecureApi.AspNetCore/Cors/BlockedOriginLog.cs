namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// Logs blocked origins as warnings, at most <see cref="LogThrottle.MaxEventsPerWindow"/> a
/// minute, so that a flood of bad origins cannot flood the log; what it holds back it counts and
/// reports once the minute is over. Origins and paths are logged escaped and capped.
/// </summary>
internal sealed class BlockedOriginLog(ILogger<BlockedOriginLog> logger, TimeProvider time)
{
    private readonly LogThrottle _throttle = new(time);

    /// <summary>Records a blocked request, logging it unless the window's budget is spent.</summary>
    /// <param name="context">The blocked request.</param>
    /// <param name="origin">Its origin.</param>
    public void Blocked(HttpContext context, string origin)
    {
        if (!_throttle.TryTake(out var suppressedBefore))
        {
            return;
        }

        if (suppressedBefore > 0)
        {
            CorsLog.BlockedOriginsSuppressed(logger, suppressedBefore, LogThrottle.WindowSeconds);
        }

        CorsLog.BlockedOrigin(logger, LogValue.Sanitize(origin), LogValue.Sanitize(context.Request.Method), LogValue.Sanitize(context.Request.Path.Value));
    }
}
