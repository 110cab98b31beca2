using System.Text.Json;
using System.Text.RegularExpressions;
using SecureApi.Templates.Tests.Infrastructure;

namespace SecureApi.Templates.Tests;

/// <summary>
/// The options and per-service values that users of <c>dotnet new webapi</c> type and expect
/// from habit: <c>--no-restore</c>, <c>--framework</c>, <c>--exclude-launch-settings</c>, ports and
/// a user-secrets id of each service's own, a <c>global.json</c> and a <c>.http</c> file.
/// </summary>
[Collection(TemplateTestGroup.Name)]
public sealed partial class TemplateOptionsTests(TemplateFixture fixture)
{
    [Fact]
    public async Task EveryService_GetsPortsAndAUserSecretsIdOfItsOwn_UnlessPortsAreGiven()
    {
        var first = await NewAsync("ports-a");
        var second = await NewAsync("ports-b");
        var given = await NewAsync("ports-given", "--HttpPort", "5123", "--HttpsPort", "7123");

        var (firstHttp, firstHttps) = PortsOf(first);
        Assert.NotEqual(PortsOf(second), (firstHttp, firstHttps));
        Assert.InRange(firstHttp, 5000, 5300);
        Assert.InRange(firstHttps, 7000, 7300);
        Assert.Equal((5123, 7123), PortsOf(given));
        Assert.Contains($"http://localhost:{firstHttp}", await File.ReadAllTextAsync(Path.Combine(first, "README.md")), StringComparison.Ordinal);
        Assert.Contains($"@host = http://localhost:{firstHttp}", await File.ReadAllTextAsync(Path.Combine(first, "src", "Contoso.Orders", "Contoso.Orders.http")), StringComparison.Ordinal);
        Assert.NotEqual(UserSecretsIdOf(first), UserSecretsIdOf(second));
        Assert.StartsWith("Contoso.Orders-", UserSecretsIdOf(first), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--no-restore")]
    [InlineData("--skip-restore")]
    public async Task NoRestore_AndItsEarlierSpelling_RestoreNothing(string option)
    {
        var output = await NewAsync($"restore{option}", option);

        Assert.False(File.Exists(Path.Combine(output, "src", "Contoso.Orders", "obj", "project.assets.json")));
    }

    [Fact]
    public async Task Framework_IsNet10_AndAnotherIsRefused()
    {
        var output = await NewAsync("framework", "--framework", "net10.0");
        var refused = await fixture.DotnetNewAsync(fixture.WorkDirectory, "secureapi", "-n", "Contoso.Orders", "--framework", "net8.0", "--dry-run");

        Assert.Contains("<TargetFramework>net10.0</TargetFramework>", await File.ReadAllTextAsync(Path.Combine(output, "Directory.Build.props")), StringComparison.Ordinal);
        Assert.NotEqual(0, refused.ExitCode);
    }

    [Fact]
    public async Task ExcludeLaunchSettings_WritesNoLaunchProfiles_AndTheReadmeSaysHowToRun()
    {
        var output = await NewAsync("no-launch-settings", "--exclude-launch-settings");

        Assert.False(File.Exists(Path.Combine(output, "src", "Contoso.Orders", "Properties", "launchSettings.json")));
        var readme = await File.ReadAllTextAsync(Path.Combine(output, "README.md"));
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=http://localhost:", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("--launch-profile", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GlobalJson_PinsTheSdkFeatureBand()
    {
        var output = await NewAsync("global-json");

        using var globalJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "global.json")));
        var sdk = globalJson.RootElement.GetProperty("sdk");
        Assert.Matches(@"^10\.0\.\d{3}$", sdk.GetProperty("version").GetString());
        Assert.Equal("latestPatch", sdk.GetProperty("rollForward").GetString());
    }

    [Theory]
    [InlineData("http-sample", true)]
    [InlineData("http-no-sample", false)]
    public async Task HttpFile_HoldsTheServicesRequests_WithoutTemplateDirectives(string folder, bool sample)
    {
        var output = await NewAsync(folder, "--sample", sample ? "true" : "false");

        var requests = await File.ReadAllTextAsync(Path.Combine(output, "src", "Contoso.Orders", "Contoso.Orders.http"));
        Assert.Contains("GET {{host}}/antiforgery/token", requests, StringComparison.Ordinal);
        Assert.Equal(sample, requests.Contains("POST {{host}}/api/items", StringComparison.Ordinal));
        Assert.DoesNotContain("#if", requests, StringComparison.Ordinal);
        Assert.DoesNotContain("#endif", requests, StringComparison.Ordinal);
    }

    private async Task<string> NewAsync(string folder, params string[] options)
    {
        var output = Path.Combine(fixture.WorkDirectory, "generated", "options", folder);
        (await fixture.DotnetNewAsync(fixture.WorkDirectory, ["secureapi", "-n", "Contoso.Orders", "-o", output, .. options, .. RestoreOption(options)])).EnsureSuccess();
        return output;
    }

    // Nothing here builds: no restore unless the test is about the restore options.
    private static string[] RestoreOption(string[] options) =>
        options.Any(option => option is "--no-restore" or "--skip-restore") ? [] : ["--no-restore"];

    private static (int Http, int Https) PortsOf(string output)
    {
        var profiles = File.ReadAllText(Path.Combine(output, "src", "Contoso.Orders", "Properties", "launchSettings.json"));
        var http = int.Parse(HttpPort().Match(profiles).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var https = int.Parse(HttpsPort().Match(profiles).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (http, https);
    }

    private static string UserSecretsIdOf(string output) =>
        UserSecretsId().Match(File.ReadAllText(Path.Combine(output, "src", "Contoso.Orders", "Contoso.Orders.csproj"))).Groups[1].Value;

    [GeneratedRegex(@"""http://localhost:(\d+)""")]
    private static partial Regex HttpPort();

    [GeneratedRegex(@"""https://localhost:(\d+);")]
    private static partial Regex HttpsPort();

    [GeneratedRegex("<UserSecretsId>([^<]+)</UserSecretsId>")]
    private static partial Regex UserSecretsId();
}
