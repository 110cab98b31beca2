using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecureApi.Templates.Tests.Infrastructure;

namespace SecureApi.Templates.Tests;

/// <summary>
/// What browsers enforce, in a real one: the generated <c>--auth Identity</c> service in
/// Production over real TLS on loopback, and Debian's headless Chromium on two front-end pages,
/// one on the allowed origin (<c>https://localhost:port</c>, the API's own site) and one on a
/// denied origin of another site (<c>https://127.0.0.1:port</c>). A screenshot of each page is kept
/// under <c>TestResults/browser/</c>.
/// </summary>
[Collection(TemplateTestGroup.Name)]
public sealed class BrowserTests(TemplateFixture fixture) : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "correct horse battery staple";

    // The allowed page's part: it signs up, signs in and writes as a front end would.
    private const string AllowedOriginScript = """
        async (api) => {
          const json = { "Content-Type": "application/json" };
          const token = async () => (await (await fetch(`${api}/antiforgery/token`, { credentials: "include" })).json()).requestToken;
          const post = (path, body, headers) => fetch(`${api}${path}`, { method: "POST", credentials: "include", headers, body: JSON.stringify(body) });
          const out = {};
          const email = `browser-${Date.now()}@example.com`;
          let xsrf = await token();
          out.register = (await post("/auth/register", { email, password: "PASSWORD" }, { ...json, "X-XSRF-TOKEN": xsrf })).status;
          out.login = (await post("/auth/login", { email, password: "PASSWORD" }, { ...json, "X-XSRF-TOKEN": xsrf })).status;
          xsrf = await token(); // signing in dropped the token's cookie
          const created = await post("/api/items", { name: "From the browser", quantity: 2 }, { ...json, "X-XSRF-TOKEN": xsrf });
          out.create = created.status;
          const id = (await created.json()).id;
          const withoutToken = await post("/api/items", { name: "Without a token", quantity: 1 }, json);
          out.withoutToken = withoutToken.status;
          out.withoutTokenType = (await withoutToken.json()).type;
          out.put = (await fetch(`${api}/api/items/${id}`, { method: "PUT", credentials: "include", headers: { ...json, "X-XSRF-TOKEN": xsrf },
            body: JSON.stringify({ name: "Renamed in the browser", quantity: 3 }) })).status;
          try {
            await fetch(`${api}/api/items`, { credentials: "include", headers: { "X-Not-Allowed": "1" } });
            out.headerOutsideTheAllowlist = "readable";
          } catch {
            out.headerOutsideTheAllowlist = "blocked";
          }
          for (let i = 0; i < 10 && out.limited === undefined; i++) {
            const response = await post("/api/items", { name: `Burst ${i}`, quantity: 1 }, { ...json, "X-XSRF-TOKEN": xsrf });
            if (response.status === 429) {
              out.limited = response.status;
              out.retryAfter = response.headers.get("Retry-After");
              out.limitedType = (await response.json()).type;
            }
          }
          document.body.innerText = JSON.stringify(out, null, 2);
          return JSON.stringify(out);
        }
        """;

    // The denied page's part: a script that tries to read what the signed-in user may.
    private const string DeniedOriginScript = """
        async (api) => {
          let read;
          try {
            const response = await fetch(`${api}/api/items`, { credentials: "include" });
            read = `readable: ${response.status}`;
          } catch {
            read = "blocked";
          }
          document.querySelector("h1").insertAdjacentText("afterend", `Reading ${api}/api/items with the user's cookies: ${read}`);
          return read;
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("secureapi-browser-").FullName;
    private readonly X509Certificate2 _certificate = TestCertificate.Create("localhost");
    private WebApplication? _pages;
    private Uri? _api;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task IdentityService_FromAnAllowedAndADeniedOrigin_InChromium()
    {
        var solution = await fixture.GenerateAndBuildAsync(TemplateVariant.Identity);
        var pagesPort = await StartPagesAsync();
        await RunningService.MigrateUserStoreAsync(solution, UserStore, Path.Combine(_directory, "keys"));
        await using var service = await StartServiceAsync(solution, new Uri($"https://localhost:{pagesPort}"));
        _api = new Uri($"https://localhost:{service.Address.Port}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = ["--no-sandbox"] });
        await using var context = await browser.NewContextAsync(new() { IgnoreHTTPSErrors = true });
        var artifacts = Directory.CreateDirectory(Path.Combine(Repository.TestResults, "browser")).FullName;

        var allowed = await context.NewPageAsync();
        await allowed.GotoAsync($"https://localhost:{pagesPort}/");
        using var results = JsonDocument.Parse(await allowed.EvaluateAsync<string>(AllowedOriginScript.Replace("PASSWORD", Password, StringComparison.Ordinal), _api.ToString().TrimEnd('/')));
        await KeepScreenshotAsync(allowed, Path.Combine(artifacts, "allowed-origin.png"));

        // Another site, in the same browser as the signed-in user.
        var denied = await context.NewPageAsync();
        await denied.GotoAsync($"https://127.0.0.1:{pagesPort}/another-site");
        var read = await denied.EvaluateAsync<string>(DeniedOriginScript, _api.ToString().TrimEnd('/'));
        await KeepScreenshotAsync(denied, Path.Combine(artifacts, "denied-origin.png"));
        var forged = await denied.RunAndWaitForResponseAsync(
            () => denied.EvaluateAsync("document.forms[0].submit()"),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/api/items", StringComparison.Ordinal));
        await denied.WaitForLoadStateAsync();
        await KeepScreenshotAsync(denied, Path.Combine(artifacts, "denied-origin-form-post.png"));

        var result = results.RootElement;
        Assert.True(result.GetProperty("register").GetInt32() == 200, result.GetRawText());
        Assert.Equal(200, result.GetProperty("login").GetInt32());
        Assert.Equal(201, result.GetProperty("create").GetInt32());
        Assert.Equal(400, result.GetProperty("withoutToken").GetInt32());
        Assert.Equal("urn:problem-type:antiforgery-token-missing", result.GetProperty("withoutTokenType").GetString());
        Assert.Equal(200, result.GetProperty("put").GetInt32());
        Assert.Equal("blocked", result.GetProperty("headerOutsideTheAllowlist").GetString());
        Assert.Equal(429, result.GetProperty("limited").GetInt32());
        Assert.InRange(int.Parse(result.GetProperty("retryAfter").GetString()!, CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("urn:problem-type:rate-limited", result.GetProperty("limitedType").GetString());

        Assert.Equal("blocked", read);
        Assert.Equal(403, forged.Status);
        var names = (await ListItemsAsync(service)).Select(item => item.Name).ToList();
        Assert.Contains("Renamed in the browser", names);
        Assert.DoesNotContain("Without a token", names);
        Assert.DoesNotContain(names, name => name.StartsWith("Forged", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_pages is not null)
        {
            await _pages.DisposeAsync();
        }

        _certificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    // Both pages from one server on 127.0.0.1: the origin is the name the browser calls it by.
    private async Task<int> StartPagesAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate)));
        _pages = builder.Build();
        _pages.MapGet("/", () => Results.Content("<!doctype html><title>Front end</title><body>Front end on the allowed origin</body>", "text/html"));

        // The classic CSRF: a form a browser posts by itself, with the user's cookies if it may,
        // and a text/plain body shaped as JSON.
        _pages.MapGet("/another-site", () => Results.Content(
            $$"""
            <!doctype html><title>Another site</title><body><h1>Another site</h1>
            <form method="post" action="{{_api}}api/items" enctype="text/plain">
            <input type="hidden" name='{"name":"Forged by another site","quantity":1,"ignore":"' value='"}'>
            </form></body>
            """,
            "text/html"));
        await _pages.StartAsync();
        return new Uri(_pages.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single()).Port;
    }

    private async Task<RunningService> StartServiceAsync(GeneratedSolution solution, Uri frontEnd)
    {
        var pfx = Path.Combine(_directory, "service.pfx");
        await File.WriteAllBytesAsync(pfx, _certificate.Export(X509ContentType.Pfx, "browser"));
        return await RunningService.StartOverTlsAsync(
            solution,
            pfx,
            "browser",
            new Dictionary<string, string?>
            {
                ["AllowedHosts"] = "localhost",
                ["Cors__AllowedOrigins"] = frontEnd.GetLeftPart(UriPartial.Authority),
                ["ConnectionStrings__Identity"] = UserStore,
                ["DataProtection__KeyRingPath"] = Path.Combine(_directory, "keys"),
                ["RateLimiting__Policies__Writes__PermitLimit"] = "4",
            });
    }

    // The screenshots are evidence for a reader, not what the test asserts: headless Chromium
    // sometimes refuses a capture right after a navigation on a loaded machine, so try again once
    // and otherwise leave the reason where the picture would have been.
    private static async Task KeepScreenshotAsync(IPage page, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.ScreenshotAsync(new() { Path = path });
                return;
            }
            catch (PlaywrightException) when (attempt < 2)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
            catch (PlaywrightException exception)
            {
                await File.WriteAllTextAsync(Path.ChangeExtension(path, ".txt"), $"No screenshot: {exception.Message}");
                return;
            }
        }
    }

    private string UserStore => $"Data Source={Path.Combine(_directory, "identity.db")}";

    // On the server, afterwards: what the pages changed, whatever they could read.
    private async Task<Item[]> ListItemsAsync(RunningService service)
    {
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _certificate.Thumbprint,
        };
        using var client = new HttpClient(handler) { BaseAddress = service.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/items?limit=1000");
        request.Headers.Host = $"localhost:{service.Address.Port}";
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Item[]>())!;
    }

    private sealed record Item(int Id, string Name, int Quantity);
}
