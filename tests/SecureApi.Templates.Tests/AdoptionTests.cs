using System.Net;
using SecureApi.Templates.Tests.Infrastructure;

namespace SecureApi.Templates.Tests;

/// <summary>
/// An existing service adopts the protections as the root README shows: a plain
/// <c>dotnet new webapi</c> project, the package, <c>builder.AddApiSecurity()</c> and
/// <c>app.UseApiSecurity()</c>, configured by the same keys as a generated service.
/// </summary>
[Collection(TemplateTestGroup.Name)]
public sealed class AdoptionTests(TemplateFixture fixture)
{
    private const string AllowedOrigin = "https://app.example.com";

    private static readonly Dictionary<TemplateFixture, Task<string>> Adopters = [];

    [Fact]
    public async Task WebApiProject_WithThePackageAndTwoLines_IsProtected()
    {
        var project = await CreateAdopterAsync();

        await using var service = await RunningService.StartAsync(
            "dotnet",
            AdopterArguments(project),
            project,
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Cors__AllowedOrigins"] = AllowedOrigin,
                ["RateLimiting__Global__PermitLimit"] = "5",
            });
        using var client = service.CreateClient();

        // The security headers, and CORS for the configured origin.
        using var allowed = await SendAsync(client, HttpMethod.Get, "/weatherforecast", AllowedOrigin);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("nosniff", Header(allowed, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(allowed, "X-Frame-Options"));
        Assert.Equal("no-store", Header(allowed, "Cache-Control"));
        Assert.Equal(AllowedOrigin, Header(allowed, "Access-Control-Allow-Origin"));

        // A lookalike of the allowed origin may read nothing and change nothing.
        using var lookalikeRead = await SendAsync(client, HttpMethod.Get, "/weatherforecast", "https://app.example.com.evil.example");
        Assert.Null(Header(lookalikeRead, "Access-Control-Allow-Origin"));
        using var lookalikeWrite = await SendAsync(client, HttpMethod.Post, "/weatherforecast", "https://app.example.com.evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, lookalikeWrite.StatusCode);

        // A write with no antiforgery token never reaches the service's handler.
        using var forged = await SendAsync(client, HttpMethod.Post, "/orders");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.Contains("urn:problem-type:antiforgery-token-missing", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The global limit of five per client, then a 429 that says when to come back.
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await SendAsync(client, HttpMethod.Get, "/weatherforecast");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal("nosniff", Header(limited, "X-Content-Type-Options"));
        limited.Dispose();
    }

    [Theory]
    [InlineData("Cors__AllowedOrigins__0", "*", "Cors:AllowedOrigins contains '*'")]
    [InlineData("RateLimiting__Global__PermitLimit", "0", "RateLimiting:Global:PermitLimit is 0")]
    public async Task WebApiProject_WithAnUnsafeSetting_IsRefusedAtStartup_InOneLine(string variable, string value, string refusal)
    {
        var project = await CreateAdopterAsync();

        var run = await ChildProcess.RunAsync(
            "dotnet",
            AdopterArguments(project),
            project,
            TimeSpan.FromMinutes(1),
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production", [variable] = value });

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Output.Split('\n'), line => line.Contains("Refusing to start", StringComparison.Ordinal));
        Assert.Contains(refusal, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebApiProject_InProduction_WarnsOfUnsafeSettings_AndStatesItsPosture()
    {
        var project = await CreateAdopterAsync();

        await using var service = await RunningService.StartAsync(
            "dotnet",
            AdopterArguments(project),
            project,
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        Assert.Contains("Unsafe for Production: AllowedHosts is '*'", service.Output, StringComparison.Ordinal);
        Assert.Contains("Security posture: environment Production", service.Output, StringComparison.Ordinal);
    }

    // One adopter project for every test here: created and built once.
    private Task<string> CreateAdopterAsync()
    {
        lock (Adopters)
        {
            if (!Adopters.TryGetValue(fixture, out var adopter))
            {
                adopter = CreateAdopterOnceAsync();
                Adopters[fixture] = adopter;
            }

            return adopter;
        }
    }

    private async Task<string> CreateAdopterOnceAsync()
    {
        var project = Path.Combine(fixture.WorkDirectory, "adopter");
        await TemplateFixture.DotnetAsync(fixture.WorkDirectory, "new", "webapi", "-n", "Existing.Service", "-o", project, "--no-restore");

        // The package from this run's folder; every other package from the machine's own sources.
        await File.WriteAllTextAsync(Path.Combine(project, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <add key="api-security" value="{fixture.Packages}" />
              </packageSources>
            </configuration>
            """);
        await TemplateFixture.DotnetAsync(project, "add", "package", "SecureApi.AspNetCore", "--version", fixture.Version);

        var program = Path.Combine(project, "Program.cs");
        var code = await File.ReadAllTextAsync(program);
        code = code
            .Replace("var builder = WebApplication.CreateBuilder(args);", "var builder = WebApplication.CreateBuilder(args);\nbuilder.AddApiSecurity();", StringComparison.Ordinal)
            .Replace("var app = builder.Build();", "var app = builder.Build();\napp.UseApiSecurity();", StringComparison.Ordinal)
            // The existing service's own write endpoint.
            .Replace("app.Run();", "app.MapPost(\"/orders\", () => Results.Created(\"/orders/1\", null));\n\napp.Run();", StringComparison.Ordinal);
        Assert.Contains("builder.AddApiSecurity();", code, StringComparison.Ordinal);
        Assert.Contains("app.UseApiSecurity();", code, StringComparison.Ordinal);
        await File.WriteAllTextAsync(program, code);

        await TemplateFixture.DotnetAsync(project, "build");
        return project;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? origin = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Forwarded-Proto", "https");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await client.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    // The adopter's built assembly, listening on a loopback port Kestrel chooses.
    private static string[] AdopterArguments(string project) =>
        [Path.Combine(project, "bin", "Debug", "net10.0", "Existing.Service.dll"), "--urls", "http://127.0.0.1:0"];
}
