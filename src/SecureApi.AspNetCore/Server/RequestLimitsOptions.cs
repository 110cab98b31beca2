namespace SecureApi.AspNetCore.Server;

/// <summary>
/// What Kestrel accepts before the request reaches the application, bound from the
/// <c>Limits</c> section. Bodies over the cap get 413, header sets over the caps 431.
/// </summary>
public sealed class RequestLimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Limits";

    /// <summary>The largest request body in bytes (<c>Limits:MaxRequestBodyBytes</c>); 1 MiB by default.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest total size of the request headers in bytes (<c>Limits:MaxRequestHeadersTotalBytes</c>).</summary>
    public int MaxRequestHeadersTotalBytes { get; set; } = 32 * 1024;

    /// <summary>The most request headers (<c>Limits:MaxRequestHeaderCount</c>).</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;
}
