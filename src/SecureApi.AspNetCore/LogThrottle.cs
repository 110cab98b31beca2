namespace SecureApi.AspNetCore;

/// <summary>
/// A budget of log events per minute for events whose rate an attacker sets (refused origins,
/// forged writes, rate-limit rejections), so that a flood of requests cannot flood the log: what
/// it holds back it counts, for the first event of the next minute to report.
/// </summary>
/// <param name="time">The clock.</param>
internal sealed class LogThrottle(TimeProvider time)
{
    /// <summary>How many events are logged per window.</summary>
    public const int MaxEventsPerWindow = 20;

    /// <summary>The window, in seconds.</summary>
    public const int WindowSeconds = 60;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(WindowSeconds);

    private readonly Lock _lock = new();
    private long _windowStart = long.MinValue;
    private int _logged;
    private int _suppressed;

    /// <summary>Takes one event from the budget.</summary>
    /// <param name="suppressedBefore">How many events the window that just ended held back; report them first.</param>
    /// <returns><see langword="true"/> when this event may be logged.</returns>
    public bool TryTake(out int suppressedBefore)
    {
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

            if (_logged >= MaxEventsPerWindow)
            {
                _suppressed++;
                return false;
            }

            _logged++;
            return true;
        }
    }
}
