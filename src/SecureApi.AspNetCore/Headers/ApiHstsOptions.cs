namespace SecureApi.AspNetCore.Headers;

/// <summary>
/// <c>Strict-Transport-Security</c> settings, bound from the <c>Hsts</c> section. HSTS is sent
/// on HTTPS responses outside Development only, never over plain HTTP, and never to loopback
/// host names (it would pin every localhost port to HTTPS).
/// </summary>
public sealed class ApiHstsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Hsts";

    /// <summary>One year: the least max-age worth sending, and what preload lists require.</summary>
    public const int OneYearInSeconds = 31_536_000;

    /// <summary><c>max-age</c> in seconds; at least a year.</summary>
    public int MaxAgeSeconds { get; set; } = OneYearInSeconds;

    /// <summary><c>includeSubDomains</c>.</summary>
    public bool IncludeSubDomains { get; set; } = true;

    /// <summary>
    /// <c>preload</c>, off unless asked for: once a domain is on the browsers' preload lists,
    /// getting it off takes months.
    /// </summary>
    public bool Preload { get; set; }
}
