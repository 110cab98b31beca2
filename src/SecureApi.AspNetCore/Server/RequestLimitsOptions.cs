namespace SecureApi.AspNetCore.Server;

/// <summary>
/// What the server accepts, bound from the <c>Limits</c> section. Bodies over the cap get 413,
/// header sets over the caps 431, requests that run past the timeout 408.
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

    /// <summary>
    /// The seconds a request may take before it is cancelled and answered 408
    /// (<c>Limits:RequestTimeoutSeconds</c>); 30 by default. An endpoint sets its own with
    /// <c>WithRequestTimeout</c> or turns it off with <c>DisableRequestTimeout</c>.
    /// </summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The most connections Kestrel keeps open at once (<c>Limits:MaxConcurrentConnections</c>);
    /// unset, Kestrel's default (no cap). Connections over it are closed at once.
    /// </summary>
    public long? MaxConcurrentConnections { get; set; }
}
