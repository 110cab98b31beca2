using System.Net;
using Microsoft.Extensions.Primitives;

namespace SecureApi.AspNetCore.Https;

/// <summary>
/// Takes the client's scheme and address from <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c>
/// when, and only when, the connection comes from a trusted proxy. One hop, as ASP.NET Core's
/// forwarded headers middleware does with its default limit: the rightmost entry is the one the
/// trusted proxy appended; anything to its left came from the client and could say anything.
/// </summary>
/// <remarks>
/// It replaces the in-box middleware on every request's path: that one allocates arrays,
/// rewrites request headers and measured about a fifth of a minimal endpoint's throughput here.
/// </remarks>
internal sealed class TrustedProxyHeadersMiddleware(RequestDelegate next, TrustedProxies proxies)
{
    private const string ForwardedFor = "X-Forwarded-For";
    private const string ForwardedProto = "X-Forwarded-Proto";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var forwardedFor = headers[ForwardedFor];
        var forwardedProto = headers[ForwardedProto];

        if ((forwardedFor.Count != 0 || forwardedProto.Count != 0) && proxies.Contains(context.Connection.RemoteIpAddress))
        {
            Apply(context, forwardedFor, forwardedProto);
        }

        return next(context);
    }

    private static void Apply(HttpContext context, StringValues forwardedFor, StringValues forwardedProto)
    {
        var client = LastEntry(forwardedFor);
        if (!client.IsEmpty)
        {
            if (!IPEndPoint.TryParse(client, out var endPoint))
            {
                return; // a proxy that sends garbage is not believed on anything
            }

            context.Connection.RemoteIpAddress = endPoint.Address;
            context.Connection.RemotePort = endPoint.Port;
        }

        var scheme = LastEntry(forwardedProto);
        if (scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            context.Request.Scheme = Uri.UriSchemeHttps;
        }
        else if (scheme.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase))
        {
            context.Request.Scheme = Uri.UriSchemeHttp;
        }
    }

    private static ReadOnlySpan<char> LastEntry(StringValues values)
    {
        if (values.Count == 0)
        {
            return [];
        }

        var last = values[values.Count - 1].AsSpan();
        return last[(last.LastIndexOf(',') + 1)..].Trim();
    }
}
