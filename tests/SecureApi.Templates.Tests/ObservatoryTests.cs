using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using SecureApi.Templates.Tests.Infrastructure;

namespace SecureApi.Templates.Tests;

/// <summary>
/// The generated service as the MDN HTTP Observatory grades it: its own retriever, tests and
/// grader (Observatory/scan.mjs), against the service in Production over real TLS on a loopback
/// port, with a certificate the scanner is told to trust.
/// </summary>
[Collection(TemplateTestGroup.Name)]
public sealed class ObservatoryTests(TemplateFixture fixture) : IDisposable
{
    // A name that is not loopback, as the service would have behind its DNS name (it sends no
    // HSTS to loopback names); the scanner resolves every name to 127.0.0.1.
    private const string HostName = "api.observatory.test";
    private const string CertificatePassword = "observatory";

    private readonly string _directory = Directory.CreateTempSubdirectory("secureapi-observatory-").FullName;

    [Fact]
    public async Task Service_InProduction_GradesAPlus_PassingEveryTest()
    {
        var solution = await fixture.GenerateAndBuildAsync(TemplateVariant.Default);
        await InstallScannerAsync();
        var (pfx, pem) = WriteCertificate();

        await using var service = await RunningService.StartOverTlsAsync(solution, pfx, CertificatePassword);
        var scan = (await ChildProcess.RunAsync(
            "node",
            ["scan.mjs", HostName, service.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "/health"],
            Repository.Observatory,
            TimeSpan.FromMinutes(2),
            new Dictionary<string, string?> { ["NODE_EXTRA_CA_CERTS"] = pem })).EnsureSuccess();

        using var report = JsonDocument.Parse(scan.Output[scan.Output.IndexOf('{', StringComparison.Ordinal)..(scan.Output.LastIndexOf('}') + 1)]);
        var root = report.RootElement;
        Assert.True(root.GetProperty("verified").GetBoolean(), scan.Output);
        Assert.Equal("A+", root.GetProperty("grade").GetString());
        var failed = root.GetProperty("tests").EnumerateObject()
            .Where(test => !test.Value.GetProperty("pass").GetBoolean())
            .Select(test => $"{test.Name}: {test.Value.GetProperty("result").GetString()}");
        Assert.Empty(failed);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // The scanner's own install scripts download lists from the internet: they are not run.
    private static async Task InstallScannerAsync()
    {
        if (!Directory.Exists(Path.Combine(Repository.Observatory, "node_modules", "@mdn", "mdn-http-observatory")))
        {
            (await ChildProcess.RunAsync(
                "npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], Repository.Observatory, TimeSpan.FromMinutes(5))).EnsureSuccess();
        }
    }

    private (string Pfx, string Pem) WriteCertificate()
    {
        using var certificate = TestCertificate.Create(HostName);
        var pfx = Path.Combine(_directory, "service.pfx");
        var pem = Path.Combine(_directory, "service.pem");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        File.WriteAllText(pem, certificate.ExportCertificatePem());
        return (pfx, pem);
    }
}
