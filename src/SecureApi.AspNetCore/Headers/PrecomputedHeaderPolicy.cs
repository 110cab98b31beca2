using Microsoft.Extensions.Primitives;
using NetEscapades.AspNetCore.SecurityHeaders.Infrastructure;

namespace SecureApi.AspNetCore.Headers;

/// <summary>
/// A header policy evaluated once, at startup, into the exact headers to set and remove, so
/// that applying it to a response costs a few dictionary writes and nothing else.
/// </summary>
internal sealed class PrecomputedHeaderPolicy
{
    // Any non-loopback host: HSTS is the only header that depends on the request, and it is
    // decided per request by the middleware, not here.
    private static readonly HostString EvaluationHost = new("api.invalid");

    private readonly Header[] _headers;
    private readonly Header[] _headersWithHsts;
    private readonly string[] _removedHeaders;

    private PrecomputedHeaderPolicy(Header[] headers, Header[] headersWithHsts, string[] removedHeaders)
    {
        _headers = headers;
        _headersWithHsts = headersWithHsts;
        _removedHeaders = removedHeaders;
    }

    /// <summary>Evaluates a policy.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="hsts">The HSTS policy added to HTTPS responses, or <see langword="null"/> for none.</param>
    /// <returns>The precomputed policy.</returns>
    public static PrecomputedHeaderPolicy Create(HeaderPolicyCollection policy, HeaderPolicyCollection? hsts)
    {
        var plain = Evaluate(policy, isHttps: false);
        var secure = Evaluate(policy, isHttps: true);
        if (hsts is not null)
        {
            foreach (var header in Evaluate(hsts, isHttps: true).SetHeaders)
            {
                secure.SetHeaders[header.Key] = header.Value;
            }
        }

        return new PrecomputedHeaderPolicy(
            ToHeaderValues(plain),
            ToHeaderValues(secure),
            [.. plain.RemoveHeaders]);
    }

    /// <summary>Sets and removes the policy's headers.</summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="withHsts">Whether to include <c>Strict-Transport-Security</c>.</param>
    public void Apply(IHeaderDictionary headers, bool withHsts)
    {
        foreach (var header in withHsts ? _headersWithHsts : _headers)
        {
            headers[header.Name] = header.Value;
        }

        foreach (var name in _removedHeaders)
        {
            headers.Remove(name);
        }
    }

    private static CustomHeadersResult Evaluate(HeaderPolicyCollection policy, bool isHttps)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = isHttps ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;
        context.Request.Host = EvaluationHost;
        var result = new CustomHeadersResult();
        foreach (var header in policy.Values)
        {
            header.Apply(context, result);
        }

        return result;
    }

    // A loop and a type of our own rather than LINQ over KeyValuePair<string, StringValues>: that
    // generic instantiation is not precompiled, and JIT-compiling it took 20 ms of a traced launch.
    private static Header[] ToHeaderValues(CustomHeadersResult result)
    {
        var headers = new Header[result.SetHeaders.Count];
        var index = 0;
        foreach (var header in result.SetHeaders)
        {
            headers[index++] = new Header(header.Key, header.Value);
        }

        return headers;
    }

    private readonly record struct Header(string Name, StringValues Value);
}
