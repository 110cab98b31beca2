using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// Who a request is counted against: the signed-in user, else the client address, normalized so
/// that it cannot be dodged. A value type compared field by field: computing it builds no string.
/// </summary>
/// <param name="UserId">The signed-in user's id, or null.</param>
/// <param name="Address">The client address as a 128-bit number: IPv4 mapped into the IPv6 space, IPv6 masked to its prefix.</param>
/// <param name="IsExempt">Whether this is the one partition of every exempt client.</param>
internal readonly record struct ClientPartitionKey(string? UserId, UInt128 Address, bool IsExempt = false)
{
    /// <summary>
    /// The partition of exempt clients, apart from every counted one: an exempt address shares
    /// its IPv6 prefix with addresses that are counted, and a partition is kept per key.
    /// </summary>
    public static readonly ClientPartitionKey Exempt = new(null, UInt128.Zero, IsExempt: true);

    /// <summary>The key of a request: its user when signed in, else its normalized address.</summary>
    /// <param name="context">The HTTP context, after trusted proxy headers.</param>
    /// <param name="ipv6Mask">The mask of the IPv6 prefix that counts as one client.</param>
    /// <returns>The key.</returns>
    public static ClientPartitionKey For(HttpContext context, UInt128 ipv6Mask)
    {
        // Through the feature: HttpContext.User creates an empty principal per request when no
        // authentication ran, and this runs on every request.
        if (context.Features.Get<IHttpAuthenticationFeature>()?.User is { Identity.IsAuthenticated: true } user
            && user.FindFirst(ClaimTypes.NameIdentifier)?.Value is { } userId)
        {
            return new ClientPartitionKey(userId, UInt128.Zero);
        }

        return new ClientPartitionKey(null, Normalize(context.Connection.RemoteIpAddress, ipv6Mask));
    }

    /// <summary>
    /// Maps an address to the number it is counted under: ::ffff:a.b.c.d is a.b.c.d (the bypass
    /// express-rate-limit fixed as a CVE), and IPv6 addresses keep only their prefix.
    /// </summary>
    /// <param name="address">The address; null (no connection address) counts as one unknown client.</param>
    /// <param name="ipv6Mask">The mask of the IPv6 prefix.</param>
    /// <returns>The number.</returns>
    public static UInt128 Normalize(IPAddress? address, UInt128 ipv6Mask)
    {
        if (address is null)
        {
            return UInt128.Zero;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6)
        {
            var ipv4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            ipv4.TryWriteBytes(bytes[12..], out _);
            bytes[10] = 0xFF;
            bytes[11] = 0xFF;
            return BinaryPrimitives.ReadUInt128BigEndian(bytes);
        }

        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes) & ipv6Mask;
    }

    /// <summary>The mask that keeps the first <paramref name="prefixLength"/> bits.</summary>
    /// <param name="prefixLength">1 to 128.</param>
    /// <returns>The mask.</returns>
    public static UInt128 PrefixMask(int prefixLength) =>
        prefixLength >= 128 ? UInt128.MaxValue : ~(UInt128.MaxValue >> prefixLength);
}
