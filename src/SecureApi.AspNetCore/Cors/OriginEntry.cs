using System.Buffers;
using System.Globalization;

namespace SecureApi.AspNetCore.Cors;

/// <summary>What an allowlist entry stands for.</summary>
internal enum OriginEntryKind
{
    /// <summary>One exact origin.</summary>
    Exact,

    /// <summary>Any subdomain of a domain.</summary>
    Wildcard,

    /// <summary><c>*</c>: any origin.</summary>
    Any,
}

/// <summary>
/// One parsed and normalized <c>AllowedOrigins</c> entry, or why it was refused.
/// </summary>
/// <param name="Kind">What the entry stands for.</param>
/// <param name="Scheme">The scheme, lowercase.</param>
/// <param name="Host">The host (for a wildcard: the domain after <c>*.</c>), lowercase.</param>
/// <param name="PortSuffix"><c>:port</c> when the port is not the scheme's default, else empty.</param>
internal sealed record OriginEntry(OriginEntryKind Kind, string Scheme, string Host, string PortSuffix)
{
    private static readonly SearchValues<char> HostCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-.");

    /// <summary>The serialized origin, as browsers send it.</summary>
    public string Origin => Kind == OriginEntryKind.Any ? "*" : $"{Scheme}://{Host}{PortSuffix}";

    /// <summary>Whether the text is made only of lowercase host-name characters.</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> for letters, digits, '-' and '.' only.</returns>
    public static bool IsHostName(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept(HostCharacters);

    /// <summary>Parses an entry.</summary>
    /// <param name="value">The configured value.</param>
    /// <param name="entry">The entry, when valid.</param>
    /// <param name="error">Why it was refused, when not.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool TryParse(string value, out OriginEntry entry, out string error)
    {
        entry = new OriginEntry(OriginEntryKind.Any, string.Empty, string.Empty, string.Empty);
        error = string.Empty;
        if (value == "*")
        {
            return true;
        }

        var text = value.ToLowerInvariant();
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            error = "it has no scheme (write https://host)";
            return false;
        }

        var scheme = text[..schemeEnd];
        if (scheme is not ("https" or "http"))
        {
            error = "its scheme is not http or https";
            return false;
        }

        var authority = text[(schemeEnd + 3)..];
        if (authority.IndexOfAny(['/', '?', '#', '@', '\\']) >= 0)
        {
            error = "it is not a serialized origin: no path, query, trailing slash or user info";
            return false;
        }

        var host = authority;
        var portSuffix = string.Empty;
        var colon = authority.LastIndexOf(':');
        if (colon >= 0)
        {
            host = authority[..colon];
            if (!ushort.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port == 0)
            {
                error = "its port is not a number from 1 to 65535";
                return false;
            }

            var defaultPort = scheme == "https" ? 443 : 80;
            portSuffix = port == defaultPort ? string.Empty : $":{port}";
        }

        var kind = OriginEntryKind.Exact;
        if (host.StartsWith("*.", StringComparison.Ordinal))
        {
            kind = OriginEntryKind.Wildcard;
            host = host[2..];
            if (!host.Contains('.', StringComparison.Ordinal))
            {
                error = "a wildcard needs a domain of at least two labels (https://*.example.com)";
                return false;
            }
        }

        if (host.Contains('*', StringComparison.Ordinal))
        {
            error = "a wildcard may only be the leftmost label (https://*.example.com)";
            return false;
        }

        if (!IsHostName(host) || host.StartsWith('.') || host.EndsWith('.') || host.Contains("..", StringComparison.Ordinal))
        {
            error = "its host is not a valid host name";
            return false;
        }

        entry = new OriginEntry(kind, scheme, host, portSuffix);
        return true;
    }
}
