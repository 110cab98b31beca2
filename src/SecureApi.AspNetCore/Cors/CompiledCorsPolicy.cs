using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// A CORS policy built once from its options: frozen sets to check preflights against and the
/// header values it answers with, ready to write.
/// </summary>
internal sealed class CompiledCorsPolicy
{
    // The methods a preflight may ask for (case-sensitive, as methods are).
    private readonly FrozenSet<string> _methods;

    // The headers a preflight may ask for (case-insensitive, as header names are), looked up by a
    // span of the request's list, so that checking a preflight allocates nothing.
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _headerNames;

    public CompiledCorsPolicy(string name, ApiCorsPolicyOptions options, OriginAllowlist origins)
    {
        Name = name;
        Origins = origins;
        AllowCredentials = options.AllowCredentials;
        _methods = options.AllowedMethods.ToFrozenSet(StringComparer.Ordinal);
        _headerNames = options.AllowedHeaders.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        AllowMethodsValue = string.Join(", ", options.AllowedMethods);
        AllowHeadersValue = string.Join(", ", options.AllowedHeaders);
        ExposeHeadersValue = string.Join(", ", options.ExposedHeaders);
        MaxAgeValue = options.PreflightMaxAgeSeconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The policy's name (empty for the default policy).</summary>
    public string Name { get; }

    /// <summary>The configured origins.</summary>
    public OriginAllowlist Origins { get; }

    /// <summary>Whether credentials are allowed.</summary>
    public bool AllowCredentials { get; }

    /// <summary><c>Access-Control-Allow-Methods</c>.</summary>
    public StringValues AllowMethodsValue { get; }

    /// <summary><c>Access-Control-Allow-Headers</c>.</summary>
    public StringValues AllowHeadersValue { get; }

    /// <summary><c>Access-Control-Expose-Headers</c>.</summary>
    public StringValues ExposeHeadersValue { get; }

    /// <summary><c>Access-Control-Max-Age</c>.</summary>
    public StringValues MaxAgeValue { get; }

    /// <summary>
    /// Whether a preflight may go ahead: the method it asks for is allowed, and so is each header
    /// in its <c>Access-Control-Request-Headers</c> (comma-separated, in one or more values).
    /// </summary>
    /// <param name="method">The <c>Access-Control-Request-Method</c>.</param>
    /// <param name="requestHeaders">The <c>Access-Control-Request-Headers</c> values.</param>
    /// <returns><see langword="true"/> when the policy grants all of it.</returns>
    public bool Grants(string method, StringValues requestHeaders)
    {
        if (!_methods.Contains(method))
        {
            return false;
        }

        foreach (var value in requestHeaders)
        {
            var list = value.AsSpan();
            foreach (var range in list.Split(','))
            {
                var name = list[range].Trim();
                if (!name.IsEmpty && !_headerNames.Contains(name))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
