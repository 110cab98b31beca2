using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace SecureApi.Features.Accounts;

/// <summary>
/// Keeps each session on the server, in the distributed cache every instance shares (Redis when
/// <c>Redis:Configuration</c> is set, this process's memory otherwise); the cookie carries only a
/// random key. Signing out removes the session, so a copy of the cookie is worthless at once, and
/// no session outlives <c>Identity:Cookie:AbsoluteLifetime</c> however often it is renewed.
/// </summary>
internal sealed class SessionTicketStore(
    IDistributedCache cache, IDataProtectionProvider protection, IOptions<SessionCookieSettings> settings, TimeProvider time) : ITicketStore
{
    private const string KeyPrefix = "session:";

    // When the session must end, set when it starts and kept through every renewal.
    private const string EndsItem = ".session-ends";

    private readonly IDataProtector _protector = protection.CreateProtector("Accounts.Sessions");

    /// <inheritdoc />
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);

        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        // A refreshed sign-in (Identity's RefreshSignInAsync) carries the session's end over.
        ticket.Properties.Items.TryAdd(EndsItem, (time.GetUtcNow() + settings.Value.AbsoluteLifetime).ToString("O", CultureInfo.InvariantCulture));
        await RenewAsync(key, ticket);
        return key;
    }

    /// <inheritdoc />
    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);

        var ends = EndOf(ticket);
        var expires = ticket.Properties.ExpiresUtc is { } idle && idle < ends ? idle : ends;
        if (expires <= time.GetUtcNow())
        {
            await RemoveAsync(key);
            return;
        }

        var value = _protector.Protect(TicketSerializer.Default.Serialize(ticket));
        await cache.SetAsync(KeyPrefix + key, value, new DistributedCacheEntryOptions { AbsoluteExpiration = expires });
    }

    /// <inheritdoc />
    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var value = await cache.GetAsync(KeyPrefix + key);
        if (value is null)
        {
            return null;
        }

        try
        {
            var ticket = TicketSerializer.Default.Deserialize(_protector.Unprotect(value));
            return ticket is not null && EndOf(ticket) > time.GetUtcNow() ? ticket : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task RemoveAsync(string key) => cache.RemoveAsync(KeyPrefix + key);

    private static DateTimeOffset EndOf(AuthenticationTicket ticket) =>
        ticket.Properties.Items.TryGetValue(EndsItem, out var ends)
            && DateTimeOffset.TryParse(ends, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var end)
            ? end
            : DateTimeOffset.MinValue;
}
