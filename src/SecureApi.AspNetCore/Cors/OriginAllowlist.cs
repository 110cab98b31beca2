using System.Collections.Frozen;

namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// The compiled origins of one policy: exact serialized origins in a frozen set, and wildcard
/// entries as a scheme, a domain suffix and a port. Matching is ordinal on the origin exactly as
/// the browser serialized it (lowercase <c>scheme://host[:port]</c>), with no allocation.
/// </summary>
internal sealed class OriginAllowlist
{
    private readonly FrozenSet<string> _exact;
    private readonly WildcardOrigin[] _wildcards;

    private OriginAllowlist(FrozenSet<string> exact, WildcardOrigin[] wildcards, bool allowsAny)
    {
        _exact = exact;
        _wildcards = wildcards;
        AllowsAny = allowsAny;
    }

    /// <summary>Whether the policy allows every origin (<c>*</c>, never with credentials).</summary>
    public bool AllowsAny { get; }

    /// <summary>Whether no origin at all is allowed.</summary>
    public bool IsEmpty => !AllowsAny && _exact.Count == 0 && _wildcards.Length == 0;

    /// <summary>Compiles parsed origin entries.</summary>
    /// <param name="entries">The entries.</param>
    /// <returns>The allowlist.</returns>
    public static OriginAllowlist Create(IEnumerable<OriginEntry> entries)
    {
        var list = entries.ToList();
        return new OriginAllowlist(
            list.Where(entry => entry.Kind == OriginEntryKind.Exact).Select(entry => entry.Origin).ToFrozenSet(StringComparer.Ordinal),
            [.. list.Where(entry => entry.Kind == OriginEntryKind.Wildcard).Select(entry => new WildcardOrigin(entry.Scheme, entry.Host, entry.PortSuffix))],
            list.Any(entry => entry.Kind == OriginEntryKind.Any));
    }

    /// <summary>Whether the origin, as sent by the browser, is allowed.</summary>
    /// <param name="origin">The <c>Origin</c> header's value.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public bool Contains(string origin)
    {
        if (AllowsAny || _exact.Contains(origin))
        {
            return !string.Equals(origin, "null", StringComparison.Ordinal);
        }

        foreach (var wildcard in _wildcards)
        {
            if (wildcard.Matches(origin))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>scheme://*.domain[:port]</c>: any depth of subdomain, never the apex.</summary>
    private sealed class WildcardOrigin(string scheme, string domain, string portSuffix)
    {
        private readonly string _prefix = scheme + "://";
        private readonly string _suffix = "." + domain + portSuffix;

        public bool Matches(string origin)
        {
            if (origin.Length <= _prefix.Length + _suffix.Length
                || !origin.StartsWith(_prefix, StringComparison.Ordinal)
                || !origin.EndsWith(_suffix, StringComparison.Ordinal))
            {
                return false;
            }

            // The subdomain labels between the scheme and ".domain": host characters only, so that
            // no path, port, user info or second host can hide in there.
            var subdomain = origin.AsSpan(_prefix.Length, origin.Length - _prefix.Length - _suffix.Length);
            return OriginEntry.IsHostName(subdomain) && subdomain[0] != '.' && subdomain[^1] != '.';
        }
    }
}
