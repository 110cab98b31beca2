using System.Text.Json;
using System.Text.RegularExpressions;
using SecureApi.Templates.Tests.Infrastructure;

namespace SecureApi.Templates.Tests;

[Collection(TemplateTestGroup.Name)]
public sealed class TemplateCliTests(TemplateFixture fixture)
{
    [Fact]
    public async Task Help_DocumentsEveryOptionInOneSentence()
    {
        var help = (await fixture.DotnetNewAsync(fixture.WorkDirectory, "secureapi", "--help")).EnsureSuccess().Output;

        var flatHelp = Regex.Replace(help, @"\s+", " ");
        var parameters = ReadParameters();
        Assert.Contains("sample", parameters.Keys);
        Assert.Contains("skipRestore", parameters.Keys);
        foreach (var (symbol, description) in parameters.Where(parameter => !IsHidden(parameter.Key)))
        {
            var option = $"--{LongName(symbol)}";
            Assert.Contains($" {option} ", flatHelp, StringComparison.Ordinal);
            Assert.Contains(description, flatHelp, StringComparison.Ordinal);
            Assert.Matches(@"^[A-Z][^.]*(\([^)]*\))?[^.]*\.$", description);
        }
    }

    [Fact]
    public async Task List_ShowsTemplateWithItsShortNameAndClassifications()
    {
        var list = (await fixture.DotnetNewAsync(fixture.WorkDirectory, "list", "secureapi")).EnsureSuccess().Output;

        Assert.Contains("secureapi", list, StringComparison.Ordinal);
        Assert.Contains("Web/API/Security", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_IsRefused()
    {
        var result = await fixture.DotnetNewAsync(fixture.WorkDirectory, "secureapi", "--no-such-option", "--dry-run");

        Assert.NotEqual(0, result.ExitCode);
    }

    private static Dictionary<string, string> ReadParameters()
    {
        using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.TemplateConfig, "template.json")));
        return template.RootElement.GetProperty("symbols").EnumerateObject()
            .Where(symbol => symbol.Value.GetProperty("type").GetString() == "parameter")
            .ToDictionary(symbol => symbol.Name, symbol => symbol.Value.GetProperty("description").GetString()!);
    }

    // The SDK's own hidden ones (--HttpPort, --HttpsPort) and an earlier spelling kept as an alias.
    private static bool IsHidden(string symbol)
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.TemplateConfig, "dotnetcli.host.json")));
        return host.RootElement.GetProperty("symbolInfo").TryGetProperty(symbol, out var info)
            && info.TryGetProperty("isHidden", out var hidden) && hidden.GetBoolean();
    }

    private static string LongName(string symbol)
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.TemplateConfig, "dotnetcli.host.json")));
        return host.RootElement.GetProperty("symbolInfo").GetProperty(symbol).GetProperty("longName").GetString()!;
    }
}
