namespace SecureApi.AspNetCore.Redis;

/// <summary>
/// The Redis that the service's instances share, bound from the <c>Redis</c> section.
/// </summary>
public sealed class RedisScaleOutOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string (<c>Redis:Configuration</c>), such as
    /// <c>redis:6379,password=...,ssl=true</c>. Unset, nothing touches Redis. Unless it says
    /// otherwise, a command waits at most a second (<c>asyncTimeout=1000</c>, <c>syncTimeout=1000</c>) and connecting two
    /// (<c>connectTimeout=2000</c>): a request should not wait longer for its rate limit.
    /// </summary>
    public string? Configuration { get; set; }
}
