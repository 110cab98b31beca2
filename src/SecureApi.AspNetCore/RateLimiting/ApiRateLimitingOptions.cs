namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// Rate limiting settings, bound from the <c>RateLimiting</c> section.
/// </summary>
public sealed class ApiRateLimitingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "RateLimiting";

    /// <summary>The name the global limiter reports in <c>RateLimit-Policy</c>.</summary>
    public const string GlobalPolicyName = "global";

    /// <summary>The limiter every request meets, per client (<c>RateLimiting:Global</c>).</summary>
    public RateLimitPolicyOptions Global { get; set; } = new();

    /// <summary>Named policies for endpoint groups (<c>RateLimiting:Policies:&lt;Name&gt;</c>).</summary>
    public Dictionary<string, RateLimitPolicyOptions> Policies { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Client addresses or CIDR networks that are never limited (<c>RateLimiting:ExemptNetworks</c>),
    /// such as internal monitoring. An array or one comma-separated string.
    /// </summary>
    public IReadOnlyList<string> ExemptNetworks { get; set; } = [];

    /// <summary>
    /// IPv6 clients are counted per network of this prefix length (<c>RateLimiting:IPv6PrefixLength</c>):
    /// one subscriber usually holds a whole /64, so counting single addresses lets one client be
    /// billions.
    /// </summary>
    public int IPv6PrefixLength { get; set; } = 64;

    /// <summary>
    /// What the limiter does while a shared store (Redis) is unreachable (<c>RateLimiting:RedisFailure</c>):
    /// <see cref="RateLimitStoreFailure.Open"/> counts each instance on its own until the store
    /// returns; <see cref="RateLimitStoreFailure.Closed"/> refuses counted requests with 503.
    /// Without a shared store it has no effect.
    /// </summary>
    public RateLimitStoreFailure RedisFailure { get; set; } = RateLimitStoreFailure.Open;
}
