using System.Net;

namespace SecureApi.AspNetCore.Tests.RateLimiting;

/// <summary>
/// A burst from one client over many real connections to Kestrel on a loopback port, as a
/// TLS-terminating proxy on the same host would forward it.
/// </summary>
public sealed class RateLimitingKestrelTests : IDisposable
{
    private const int Limit = 40;
    private const int Burst = 200;

    private readonly ApiFactory _factory = new();

    [Fact]
    public async Task ConcurrentBurst_OverRealConnections_AdmitsExactlyTheLimit()
    {
        using var limited = _factory.WithSettings(("RateLimiting:Global:PermitLimit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var address = limited.StartOnLoopback();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Burst, UseCookies = false }) { BaseAddress = address };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var responses = await Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => client.GetAsync(new Uri("/api/none", UriKind.Relative))));

        try
        {
            Assert.Equal(Limit, responses.Count(response => response.StatusCode == HttpStatusCode.NotFound));
            var refused = responses.Where(response => response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.Equal(Burst - Limit, refused.Count);
            Assert.All(refused, response =>
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(response.Headers.RetryAfter);
            });
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    public void Dispose() => _factory.Dispose();
}
