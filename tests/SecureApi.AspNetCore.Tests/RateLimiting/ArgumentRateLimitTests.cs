using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureApi.AspNetCore.Tests.RateLimiting;

/// <summary>
/// <c>RequireRateLimitingPer</c> counts requests per value an argument carries (the account a
/// sign-in names), whoever sends them, on top of the limits per client.
/// </summary>
public sealed class ArgumentRateLimitTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Path = "/test/per-text";

    private AntiforgeryTokenPair? _tokens;

    [Fact]
    public async Task OneValue_FromManyClients_MeetsItsLimit_WhileOtherValuesGoOn()
    {
        var statuses = new List<int>();
        for (var client = 1; client <= 4; client++)
        {
            statuses.Add(await PostFromAsync(client, "victim@example.com"));
        }

        var other = await PostFromAsync(9, "someone.else@example.com");

        Assert.Equal([200, 200, 200, 429], statuses);
        Assert.Equal(200, other);
    }

    [Fact]
    public async Task TheValue_IsCountedWithoutRegardToCaseOrSpaces_AndAnEmptyOneIsNotCounted()
    {
        string[] spellings = ["Mixed@Example.com", "mixed@example.com", " MIXED@EXAMPLE.COM ", "mixed@EXAMPLE.com"];
        var statuses = new List<int>();
        foreach (var spelling in spellings)
        {
            statuses.Add(await PostFromAsync(statuses.Count + 20, spelling));
        }

        var empty = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            empty.Add(await PostFromAsync(40 + i, string.Empty));
        }

        Assert.Equal([200, 200, 200, 429], statuses);
        Assert.All(empty, status => Assert.Equal(200, status));
    }

    [Fact]
    public async Task TheRefusal_IsTheRateLimitProblem_NamingThePolicy_AndTheHandlerDoesNotRun()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();
        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsJsonAsync(Path, new { text = "refused@example.com" })).Dispose();
        }

        using var refused = await client.PostAsJsonAsync(Path, new { text = "refused@example.com" });

        var problem = await ProblemDetailsAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, ProblemTypes.RateLimited);
        Assert.Contains("PerText", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("refused@example.com", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("\"PerText\";q=3;w=60", SecurityHeadersAssert.Header(refused, "RateLimit-Policy"));
        Assert.InRange(int.Parse(SecurityHeadersAssert.Header(refused, "Retry-After")!, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Theory]
    [InlineData("Unconfigured", null, "RateLimiting:Policies:Unconfigured is not configured")]
    [InlineData("PerText", "Concurrency", "RateLimiting:Policies:PerText:Algorithm is Concurrency")]
    public async Task APolicyThatIsMissingOrCountsNothingOverTime_IsRefusedAtStartup(string policy, string? algorithm, string refusal)
    {
        using var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.AddProvider(logs);
        if (algorithm is not null)
        {
            builder.Configuration["RateLimiting:Policies:PerText:Algorithm"] = algorithm;
        }

        builder.Services.AddApiRateLimiting();

        Assert.False(await StartupAssert.StartsAsync(builder, app =>
        {
            app.UseApiRateLimiting();
            app.MapPost("/sign-in", (SignIn request) => TypedResults.Ok()).RequireRateLimitingPer(policy, (SignIn request) => request.Email);
        }));
        Assert.Contains(logs.Entries, entry => entry.Message.Contains(refusal, StringComparison.Ordinal));
    }

    private async Task<int> PostFromAsync(int client, string text)
    {
        _tokens ??= await AntiforgeryTokenPair.FetchAsync(factory);
        var context = await factory.Server.SendAsync(request =>
        {
            request.Request.Method = HttpMethods.Post;
            request.Request.Scheme = Uri.UriSchemeHttps;
            request.Request.Host = new HostString("api.test");
            request.Request.Path = Path;
            request.Request.ContentType = "application/json";
            request.Request.Headers.Cookie = _tokens.Cookie;
            request.Request.Headers[AntiforgeryClient.HeaderName] = _tokens.Token;
            var body = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { text }));
            request.Request.Body = new MemoryStream(body);
            request.Request.ContentLength = body.Length;
            request.Features.Set<IHttpRequestBodyDetectionFeature>(new HasBody());
            request.Connection.RemoteIpAddress = new IPAddress([198, 51, 100, (byte)client]);
        });
        return context.Response.StatusCode;
    }

    private sealed record SignIn(string? Email);

    // The test server decides before this test sets a body that the request has none.
    private sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }
}
