namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// One CORS policy as configured: the default one under <c>Cors</c>, named ones under
/// <c>Cors:Policies:&lt;Name&gt;</c> with the same keys. A key a named policy leaves out takes the
/// default below, not the default policy's value: a stricter policy never inherits origins.
/// </summary>
public sealed class ApiCorsPolicyOptions
{
    /// <summary>
    /// Exact origins (<c>https://app.example.com</c>, with the port when not the default) or
    /// wildcard subdomains (<c>https://*.example.com</c>). Empty: no cross-origin access.
    /// </summary>
    public IReadOnlyList<string> AllowedOrigins { get; set; } = [];

    /// <summary>Whether browsers may send cookies (<c>Access-Control-Allow-Credentials: true</c>).</summary>
    public bool AllowCredentials { get; set; } = true;

    /// <summary>The methods a preflight may ask for.</summary>
    public IReadOnlyList<string> AllowedMethods { get; set; } = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>The request headers a preflight may ask for.</summary>
    public IReadOnlyList<string> AllowedHeaders { get; set; } = ["Content-Type", "X-XSRF-TOKEN"];

    /// <summary>The response headers scripts on allowed origins may read.</summary>
    public IReadOnlyList<string> ExposedHeaders { get; set; } = ["Location", "Retry-After", "RateLimit", "RateLimit-Policy"];

    /// <summary>How long browsers may cache a granted preflight (<c>Access-Control-Max-Age</c>).</summary>
    public int PreflightMaxAgeSeconds { get; set; } = 7200;

    /// <summary>
    /// Whether <c>http://</c> origins are accepted outside Development (<c>Cors:AllowHttpOrigins</c>).
    /// Off: a page served over plain HTTP can be rewritten by anyone on the network, so trusting it
    /// with credentials trusts them.
    /// </summary>
    public bool AllowHttpOrigins { get; set; }
}
