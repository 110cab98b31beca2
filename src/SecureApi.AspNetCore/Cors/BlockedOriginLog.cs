namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// Logs blocked origins as warnings, at most <see cref="MaxWarningsPerWindow"/> a minute, so that
/// a flood of bad origins cannot flood the log; what it holds back it counts and reports once the
/// minute is over.
/// </summary>
internal sealed class BlockedOriginLog(ILogger<BlockedOriginLog> logger, TimeProvider time)
{
    /// <summary>How many blocked origins are logged per window.</summary>
    public const int MaxWarningsPerWindow = 20;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private long _windowStart = long.MinValue;
    private int _logged;
    private int _suppressed;

    /// <summary>Records a blocked request, logging it unless the window's budget is spent.</summary>
    /// <param name="context">The blocked request.</param>
    /// <param name="origin">Its origin.</param>
    public void Blocked(HttpContext context, string origin)
    {
        int suppressedBefore;
        lock (_lock)
        {
            var now = time.GetTimestamp();
            suppressedBefore = 0;
            if (_windowStart == long.MinValue || time.GetElapsedTime(_windowStart, now) >= Window)
            {
                suppressedBefore = _suppressed;
                _windowStart = now;
                _logged = 0;
                _suppressed = 0;
            }

            if (_logged >= MaxWarningsPerWindow)
            {
                _suppressed++;
                return;
            }

            _logged++;
        }

        if (suppressedBefore > 0)
        {
            CorsLog.BlockedOriginsSuppressed(logger, suppressedBefore, (int)Window.TotalSeconds);
        }

        CorsLog.BlockedOrigin(logger, origin, context.Request.Method, context.Request.Path.Value ?? string.Empty);
    }
}
