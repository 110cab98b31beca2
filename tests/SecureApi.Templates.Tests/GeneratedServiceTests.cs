using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecureApi.Templates.Tests.Infrastructure;

namespace SecureApi.Templates.Tests;

[Collection(TemplateTestGroup.Name)]
public sealed class GeneratedServiceTests(TemplateFixture fixture) : IDisposable
{
    private const string AnyLoopbackPort = "http://127.0.0.1:0";

    // A user store and key ring per test, where a variant has accounts.
    private readonly string _directory = Directory.CreateTempSubdirectory("secureapi-service-").FullName;

    [Theory]
    [MemberData(nameof(TemplateVariant.BuildableIds), MemberType = typeof(TemplateVariant))]
    public async Task Service_InProduction_AnswersHealthOnLoopback(string variantId)
    {
        var solution = await fixture.GenerateAndBuildAsync(TemplateVariant.Get(variantId));
        var settings = new Dictionary<string, string?>(solution.Variant.ProductionSettings) { ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        if (solution.Variant.HasAccounts)
        {
            // A store without the schema stops the service before it listens, saying how to fix it.
            var userStore = $"Data Source={Path.Combine(_directory, "identity.db")}";
            settings["ConnectionStrings__Identity"] = userStore;
            var withoutSchema = await ChildProcess.RunAsync(
                "dotnet", [solution.WebAssembly, "--urls", AnyLoopbackPort], Path.GetDirectoryName(solution.WebAssembly)!, TimeSpan.FromMinutes(1), settings);
            Assert.Equal(1, withoutSchema.ExitCode);
            Assert.Contains("ConnectionStrings:Identity: the user store lacks", withoutSchema.Output, StringComparison.Ordinal);
            Assert.Contains("dotnet ef database update", withoutSchema.Output, StringComparison.Ordinal);
            await RunningService.MigrateUserStoreAsync(solution, userStore, Path.Combine(_directory, "keys"));
        }

        await using var service = await RunningService.StartAsync(
            "dotnet",
            [solution.WebAssembly, "--urls", AnyLoopbackPort],
            Path.GetDirectoryName(solution.WebAssembly)!,
            settings);
        using var client = service.CreateClient();

        await AssertHealthyAsync(client);

        // Plain HTTP is refused, not redirected, everywhere but /health; nothing names the server.
        using var refused = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Null(refused.Headers.Location);
        Assert.False(refused.Headers.Contains("Server"));
        Assert.Equal("nosniff", Assert.Single(refused.Headers.GetValues("X-Content-Type-Options")));

        // Through a TLS-terminating proxy on the same host, the request is served: the document is
        // not there in Production (and where users sign in, anonymous callers learn nothing of it).
        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        using var notServed = await client.SendAsync(proxied);
        Assert.Equal(solution.Variant.HasAuthentication ? HttpStatusCode.Unauthorized : HttpStatusCode.NotFound, notServed.StatusCode);
    }

    [Fact]
    public async Task DotnetRun_InDevelopment_StartsWithNoExternalService()
    {
        var solution = await fixture.GenerateAndBuildAsync(TemplateVariant.Default);

        await using var service = await RunningService.StartAsync(
            "dotnet",
            ["run", "--no-build", "--project", solution.Variant.WebProjectDirectory, "--", "--urls", AnyLoopbackPort],
            solution.Directory,
            new Dictionary<string, string?>());
        using var client = service.CreateClient();

        await AssertHealthyAsync(client);
        using var openApi = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Contains("Hosting environment: Development", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_WithUnsafeSetting_RefusesToStartNamingTheKey()
    {
        var solution = await fixture.GenerateAndBuildAsync(TemplateVariant.Default);

        var run = await ChildProcess.RunAsync(
            "dotnet",
            [solution.WebAssembly, "--urls", AnyLoopbackPort],
            Path.GetDirectoryName(solution.WebAssembly)!,
            TimeSpan.FromMinutes(1),
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Hsts__MaxAgeSeconds"] = "600" });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Refusing to start: Hsts:MaxAgeSeconds is 600", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task AssertHealthyAsync(HttpClient client)
    {
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var body = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }
}
