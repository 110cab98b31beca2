using SecureApi.AspNetCore.Cors;

namespace SecureApi.AspNetCore.Tests.Cors;

public sealed class OriginAllowlistTests
{
    private static readonly OriginAllowlist Allowlist = Create(
        "https://app.example.com", "https://*.example.net", "https://api.partner.com:8443", "https://shop.example.org:443");

    [Theory]
    [InlineData("https://app.example.com")]
    [InlineData("https://a.example.net")]
    [InlineData("https://a.b.c.example.net")]
    [InlineData("https://api.partner.com:8443")]
    [InlineData("https://shop.example.org")]
    public void Contains_AllowedOrigin_IsTrue(string origin) => Assert.True(Allowlist.Contains(origin));

    [Theory]
    [InlineData("https://app.example.com.evil.net")]
    [InlineData("https://evilapp.example.com")]
    [InlineData("https://evil-app.example.com")]
    [InlineData("http://app.example.com")]
    [InlineData("https://app.example.com:8443")]
    [InlineData("https://app.example.com/")]
    [InlineData("https://app.example.com/path")]
    [InlineData("https://APP.example.com")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("https://example.net")]
    [InlineData("https://evil-example.net")]
    [InlineData("https://evilexample.net")]
    [InlineData("https://example.net.evil.com")]
    [InlineData("http://a.example.net")]
    [InlineData("https://a.example.net:444")]
    [InlineData("https://a.example.net/x")]
    [InlineData("https://a.example.net.")]
    [InlineData("https://.example.net")]
    [InlineData("https://user@a.example.net")]
    [InlineData("https://evil.com#.example.net")]
    [InlineData("https://evil.com/.example.net")]
    [InlineData("https://api.partner.com")]
    [InlineData("https://shop.example.org:443")]
    public void Contains_LookalikeOrOtherOrigin_IsFalse(string origin) => Assert.False(Allowlist.Contains(origin));

    [Fact]
    public void Contains_Null_IsFalseEvenForAnyOrigin() => Assert.False(Create("*").Contains("null"));

    [Theory]
    [InlineData("HTTPS://App.Example.COM", "https://app.example.com")]
    [InlineData("https://app.example.com:443", "https://app.example.com")]
    [InlineData("http://localhost:80", "http://localhost")]
    [InlineData("http://localhost:3000", "http://localhost:3000")]
    public void TryParse_NormalizesToTheSerializedOrigin(string configured, string serialized)
    {
        Assert.True(OriginEntry.TryParse(configured, out var entry, out _));
        Assert.Equal(serialized, entry.Origin);
    }

    [Theory]
    [InlineData("app.example.com")]
    [InlineData("https://app.example.com/")]
    [InlineData("https://app.example.com/path")]
    [InlineData("https://app.example.com?x=1")]
    [InlineData("https://user@app.example.com")]
    [InlineData("ftp://app.example.com")]
    [InlineData("https://app.*.example.com")]
    [InlineData("https://*app.example.com")]
    [InlineData("https://*.com")]
    [InlineData("https://app.example.com:0")]
    [InlineData("https://app.example.com:70000")]
    [InlineData("https://")]
    [InlineData("null")]
    public void TryParse_MalformedEntry_IsRefused(string configured)
    {
        Assert.False(OriginEntry.TryParse(configured, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData("https://app.example.com")]
    [InlineData("https://shop.eu.example.net")]
    [InlineData("https://app.example.com.evil.example")]
    public void Contains_AllocatesNothing(string origin)
    {
        var allowlist = Create("https://app.example.com", "https://admin.example.com", "https://*.example.net");

        Assert.Equal(0, Allocations.Of(() => allowlist.Contains(origin)));
    }

    private static OriginAllowlist Create(params string[] origins) =>
        OriginAllowlist.Create(origins.Select(origin => OriginEntry.TryParse(origin, out var entry, out var error)
            ? entry
            : throw new ArgumentException(error, nameof(origins))));
}
