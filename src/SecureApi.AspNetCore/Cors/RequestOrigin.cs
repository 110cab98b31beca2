using Microsoft.AspNetCore.Cors.Infrastructure;

namespace SecureApi.AspNetCore.Cors;

/// <summary>The request's own origin, as the API is reached (after trusted proxy headers).</summary>
internal static class RequestOrigin
{
    /// <summary>
    /// Whether a browser's <c>Origin</c> is the API's own origin: a page served by the API itself
    /// is not cross-origin, and browsers send <c>Origin</c> on its POSTs too.
    /// </summary>
    /// <param name="origin">The <c>Origin</c> header.</param>
    /// <param name="request">The request.</param>
    /// <returns><see langword="true"/> for the same scheme, host and port.</returns>
    public static bool IsSameOrigin(string origin, HttpRequest request)
    {
        var scheme = request.Scheme;
        var host = request.Host;
        var authority = origin.AsSpan();
        if (!authority.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || !authority[scheme.Length..].StartsWith("://"))
        {
            return false;
        }

        authority = authority[(scheme.Length + 3)..];
        var defaultPort = request.IsHttps ? 443 : 80;
        return host.Port is null || host.Port == defaultPort
            ? authority.Equals(host.Host, StringComparison.OrdinalIgnoreCase)
            : authority.Equals(host.Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether the request's origin may act on the API: its own, or one the endpoint's CORS policy allows.</summary>
    /// <param name="context">The HTTP context, after routing.</param>
    /// <param name="origin">The <c>Origin</c> header.</param>
    /// <param name="allowlist">The origin allowlist.</param>
    /// <returns><see langword="true"/> when trusted.</returns>
    public static bool IsTrusted(HttpContext context, string origin, IOriginAllowlist allowlist) =>
        IsSameOrigin(origin, context.Request) || allowlist.IsAllowed(PolicyName(context), origin);

    /// <summary>
    /// The name of the endpoint's CORS policy, from <c>RequireCors</c> or
    /// <c>[EnableCors]</c>; empty for the default policy.
    /// </summary>
    /// <param name="context">The HTTP context, after routing.</param>
    /// <returns>The policy's name.</returns>
    public static string PolicyName(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IEnableCorsAttribute>()?.PolicyName ?? ApiCorsOptions.DefaultPolicyName;
}
