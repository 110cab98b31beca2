using System.Globalization;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// The IETF httpapi draft's <c>RateLimit-Policy</c> (the quota) and <c>RateLimit</c> (what is left,
/// and in how many seconds more comes) on every response a limiter counted, so that a client can
/// pace itself instead of learning its limit from a 429. Where the global limit and the
/// endpoint's policy both count a request, the one closer to exhaustion is sent.
/// </summary>
internal static class RateLimitHeaders
{
    /// <summary>The quota header.</summary>
    public const string PolicyName = "RateLimit-Policy";

    /// <summary>The remaining-quota header.</summary>
    public const string Name = "RateLimit";

    /// <summary>Writes both headers.</summary>
    /// <param name="response">The response.</param>
    /// <param name="rule">The rule to report.</param>
    /// <param name="remaining">Its permits left.</param>
    /// <param name="seconds">The whole seconds until it gives permits back.</param>
    public static void Write(HttpResponse response, RateLimitRule rule, long remaining, long seconds)
    {
        var headers = response.Headers;
        headers[PolicyName] = rule.PolicyHeader;
        headers[Name] = RemainingValue(rule, remaining, seconds);
    }

    // One string per response, cut from the rule's own prefix and the two numbers formatted on the stack.
    private static string RemainingValue(RateLimitRule rule, long remaining, long seconds)
    {
        Span<char> numbers = stackalloc char[40];
        remaining.TryFormat(numbers, out var remainingLength, provider: CultureInfo.InvariantCulture);
        seconds.TryFormat(numbers[20..], out var secondsLength, provider: CultureInfo.InvariantCulture);
        return string.Concat(rule.RemainingPrefix, numbers[..remainingLength], ";t=", numbers.Slice(20, secondsLength));
    }

    /// <summary>Whole seconds, rounded up: a client that waits that long finds the permits back.</summary>
    /// <param name="wait">The wait.</param>
    /// <returns>The seconds.</returns>
    public static long Seconds(TimeSpan wait) => (long)Math.Ceiling(Math.Max(0, wait.TotalSeconds));
}

/// <summary>The rule closest to exhaustion among those that counted a request.</summary>
internal struct TightestQuota
{
    private RateLimitRule? _rule;
    private long _remaining;
    private TimeSpan _wait;

    /// <summary>Takes a rule's quota if it is closer to exhaustion than the one held: fewer left, or as few and longer to wait.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="remaining">Its permits left.</param>
    /// <param name="wait">When it gives permits back.</param>
    public void Consider(RateLimitRule rule, long remaining, TimeSpan wait)
    {
        if (_rule is null || remaining < _remaining || (remaining == _remaining && wait > _wait))
        {
            _rule = rule;
            _remaining = remaining;
            _wait = wait;
        }
    }

    /// <summary>Writes the headers of the rule held, if any.</summary>
    /// <param name="response">The response.</param>
    public readonly void Write(HttpResponse response)
    {
        if (_rule is not null)
        {
            RateLimitHeaders.Write(response, _rule, _remaining, RateLimitHeaders.Seconds(_wait));
        }
    }
}
