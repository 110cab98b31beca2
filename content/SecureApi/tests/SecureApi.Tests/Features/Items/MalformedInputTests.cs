using System.Net;
using System.Net.Http.Json;
using System.Text;
using SecureApi.Features.Items;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Items;

/// <summary>
/// Hundreds of malformed requests, generated from a fixed seed, against the service on a real
/// Kestrel on a loopback port, as a TLS-terminating proxy on the same host would forward them.
/// Every answer must be a 4xx problem with nothing of the server's internals, and nothing may
/// be created.
/// </summary>
public sealed class MalformedInputTests : IAsyncLifetime, IDisposable
{
    private const int Seed = 20_261_123;
    private const int RequestsPerGenerator = 40;

    private readonly ApiFactory _factory = new();
    private HttpClient? _client;
    private string _cookie = string.Empty;
    private string _token = string.Empty;

    public async Task InitializeAsync()
    {
        var address = _factory.StartOnLoopback();
        _client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = address };
        _client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
#if (AuthJwt)
        _client.DefaultRequestHeaders.Authorization = TestTokens.Granted();
#endif

#if (AuthIdentity)
        (_cookie, _token) = await AntiforgeryClient.SignInWithoutCookieJarAsync(_client);
#else
        using var token = await _client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));
        _cookie = token.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        _token = (await token.Content.ReadFromJsonAsync<TokenResponse>())!.RequestToken;
#endif
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _client?.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task HundredsOfMalformedRequests_AreAll4xxProblemsAndCreateNothing()
    {
        var random = new Random(Seed);
        var bodies = Generators.SelectMany(generator => Enumerable.Range(0, RequestsPerGenerator).Select(_ => generator(random))).ToList();
        var before = await CountItemsAsync();

        foreach (var (body, contentType) in bodies)
        {
            foreach (var (method, path) in new[] { (HttpMethod.Post, "/api/items"), (HttpMethod.Put, "/api/items/1") })
            {
                using var response = await SendAsync(method, path, body, contentType);

                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                Assert.True(status is >= 400 and < 500, $"{method} {path} with {contentType} [{Convert.ToBase64String(body)}] answered {status}: {text}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
                Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
            }
        }

        Assert.True(bodies.Count >= 300);
        Assert.Equal(before, await CountItemsAsync());
    }

    [Fact]
    public async Task Body_OverTheLimit_Is413Problem()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"name": "{{new string('x', 2 * 1024 * 1024)}}", "quantity": 1}""");

        using var response = await SendAsync(HttpMethod.Post, "/api/items", body, "application/json");

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ProblemTypes.BodyTooLarge);
        Assert.Contains("1048576 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_OverTheLimit_Are431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/items");
        request.Headers.Add("X-Padding", new string('p', 40 * 1024));

        using var response = await _client!.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    private static readonly Func<Random, (byte[] Body, string ContentType)>[] Generators =
    [
        // Random bytes.
        random => (Bytes(random, random.Next(0, 2000)), "application/json"),

        // A valid body cut short.
        random =>
        {
            var json = Encoding.UTF8.GetBytes("""{"name": "Widget", "quantity": 12}""");
            return (json[..random.Next(0, json.Length - 1)], "application/json");
        },

        // Deep nesting.
        random =>
        {
            var depth = random.Next(33, 2000);
            return (Encoding.UTF8.GetBytes($$"""{"name": "Deep", "quantity": 1, "x": {{new string('[', depth)}}{{new string(']', depth)}}}"""), "application/json");
        },

        // Numbers no int holds, or no number at all.
        random => (Encoding.UTF8.GetBytes($$"""{"name": "Big", "quantity": {{Pick(random, "1e400", "123456789012345678901234567890", "-99999999999", "NaN", "Infinity", "0x10", "1_000", "--1", "1.0e", "10001", "-1")}}}"""), "application/json"),

        // Wrong types.
        random => (Encoding.UTF8.GetBytes($$"""{"name": {{Pick(random, "[]", "{}", "true", "1", "[\"a\"]")}}, "quantity": {{Pick(random, "\"1\"", "[1]", "{}", "false", "null")}}}"""), "application/json"),

        // Unicode that must not pass: lone surrogates, control characters, invalid UTF-8, blank names.
        random =>
        {
            var name = Pick(random, "\\ud800", "\\udfff", "a\\ud800b", "\\u0000", "bell\\u0007", "\\u3000\\u3000", "\\u001b[31m");
            var bytes = Encoding.UTF8.GetBytes($$"""{"name": "{{name}}", "quantity": 1}""").ToList();
            if (random.Next(2) == 0)
            {
                bytes.InsertRange(10, Pick<byte[]>(random, [0xC0, 0x80], [0xFF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]));
            }

            return ([.. bytes], "application/json");
        },

        // Odd content types.
        random => (Encoding.UTF8.GetBytes("""{"name": "Typed", "quantity": 1"""), Pick(random,
            "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "image/png", "application/octet-stream", "text/json;;;")),

        // Unknown and duplicated properties.
        random => (Encoding.UTF8.GetBytes(Pick(random,
            """{"name": "A", "quantity": 1, "id": 7}""",
            """{"name": "A", "quantity": 1, "Quantity": 2}""",
            """{"name": "A", "name": "B", "quantity": 1}""",
            """{"name": "A", "quantity": 1, "__proto__": {}}""")), "application/json"),
    ];

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, byte[] body, string contentType)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("Cookie", _cookie);
        request.Headers.Add(AntiforgeryClient.HeaderName, _token);
        return await _client!.SendAsync(request);
    }

    private async Task<int> CountItemsAsync() => (await _client!.GetFromJsonAsync<Item[]>("/api/items"))!.Length;

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];

    private sealed record TokenResponse(string RequestToken, string HeaderName);
}
