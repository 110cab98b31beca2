using System.Globalization;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>A named policy as a limiter counts it, with its <c>RateLimit-Policy</c> header.</summary>
internal sealed class RateLimitRule
{
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
}
