using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Headers;

/// <summary>
/// Writes the precomputed headers of the endpoint's policy (or the default one) onto a response.
/// </summary>
internal sealed class SecurityHeadersWriter
{
    private const string NoStore = "no-store";

    private readonly PrecomputedHeaderPolicy _defaultPolicy;
    private readonly Dictionary<string, PrecomputedHeaderPolicy> _namedPolicies;
    private readonly bool _hstsEnabled;

    public SecurityHeadersWriter(
        IOptions<ApiSecurityHeadersOptions> policies,
        IOptions<ApiHstsOptions> hstsOptions,
        IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(hstsOptions);
        ArgumentNullException.ThrowIfNull(environment);

        var hsts = hstsOptions.Value;
        _hstsEnabled = !environment.IsDevelopment();
        var hstsPolicy = _hstsEnabled
            ? new HeaderPolicyCollection().AddStrictTransportSecurity(hsts.MaxAgeSeconds, hsts.IncludeSubDomains, hsts.Preload)
            : null;

        _defaultPolicy = PrecomputedHeaderPolicy.Create(policies.Value.DefaultPolicy, hstsPolicy);
        _namedPolicies = policies.Value.Policies.ToDictionary(
            policy => policy.Key, policy => PrecomputedHeaderPolicy.Create(policy.Value, hstsPolicy), StringComparer.Ordinal);
    }

    /// <summary>
    /// Writes the headers, and <c>Cache-Control: no-store</c>, which the endpoint may replace
    /// with caching of its own.
    /// </summary>
    /// <param name="context">The HTTP context, after routing.</param>
    public void Write(HttpContext context)
    {
        var headers = context.Response.Headers;
        PolicyFor(context).Apply(headers, withHsts: _hstsEnabled && context.Request.IsHttps && !IsLoopback(context.Request.Host));
        headers.CacheControl = NoStore;
    }

    private PrecomputedHeaderPolicy PolicyFor(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<HeaderPolicyMetadata>() is not { } metadata)
        {
            return _defaultPolicy;
        }

        return _namedPolicies.TryGetValue(metadata.PolicyName, out var policy)
            ? policy
            : throw new InvalidOperationException($"No security header policy is named '{metadata.PolicyName}'.");
    }

    // As ASP.NET Core's own HSTS middleware does: HSTS on localhost would pin every local port to HTTPS.
    // Read from the header's own text: HostString.Host cuts a new string when a port follows.
    private static bool IsLoopback(HostString host)
    {
        var value = host.Value.AsSpan();
        var end = value.StartsWith('[') ? value.IndexOf(']') + 1 : value.IndexOf(':');
        var name = end > 0 ? value[..end] : value;
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name is "127.0.0.1" or "[::1]";
    }
}
