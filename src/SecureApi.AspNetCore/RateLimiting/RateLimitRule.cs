using System.Globalization;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>A named policy as a limiter counts it, with its <c>RateLimit-Policy</c> header.</summary>
internal sealed class RateLimitRule
{
    // Under a flood of refusals the retry time changes once a second, not once a refusal.
    private ExhaustedDetailText? _lastExhaustedDetail;

    public RateLimitRule(string name, RateLimitPolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(policy);

        Name = name;
        Policy = policy;
        PolicyHeader = string.Create(CultureInfo.InvariantCulture, $"\"{name}\";q={policy.PermitLimit};w={policy.QuotaWindowSeconds}");
        RemainingPrefix = $"\"{name}\";r=";
    }

    /// <summary>The policy's name (<c>global</c> for the global limit).</summary>
    public string Name { get; }

    /// <summary>The policy.</summary>
    public RateLimitPolicyOptions Policy { get; }

    /// <summary>The IETF <c>RateLimit-Policy</c> value: the quota and its window.</summary>
    public string PolicyHeader { get; }

    /// <summary>The start of its <c>RateLimit</c> value, up to the permits left.</summary>
    public string RemainingPrefix { get; }

    /// <summary>The detail of a 429 under this rule: which limit is exhausted and when to retry.</summary>
    /// <param name="retryAfterSeconds">The seconds until a retry can succeed.</param>
    /// <returns>The detail text.</returns>
    public string ExhaustedDetail(long retryAfterSeconds)
    {
        if (_lastExhaustedDetail is { } last && last.RetryAfterSeconds == retryAfterSeconds)
        {
            return last.Text;
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"The {Name} rate limit is exhausted; retry after {retryAfterSeconds} seconds.");
        _lastExhaustedDetail = new ExhaustedDetailText(retryAfterSeconds, text);
        return text;
    }

    private sealed record ExhaustedDetailText(long RetryAfterSeconds, string Text);
}
