using SecureApi.Templates.Tests.Infrastructure;

namespace SecureApi.Templates.Tests;

[Collection(TemplateTestGroup.Name)]
public sealed class GeneratedBuildTests(TemplateFixture fixture)
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(15);

    [Theory]
    [MemberData(nameof(TemplateVariant.BuildableIds), MemberType = typeof(TemplateVariant))]
    public async Task Solution_BuildsWithNoWarnings(string variantId)
    {
        var build = (await fixture.BuildAsync(TemplateVariant.Get(variantId))).EnsureSuccess();

        Assert.Contains("0 Warning(s)", build.Output, StringComparison.Ordinal);
        Assert.Contains("0 Error(s)", build.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TemplateVariant.BuildableIds), MemberType = typeof(TemplateVariant))]
    public async Task GeneratedTests_AllPass(string variantId)
    {
        var solution = await fixture.GenerateAndBuildAsync(TemplateVariant.Get(variantId));
        var results = Path.Combine(Repository.TestResults, "generated");
        var trx = Path.Combine(results, $"{variantId}.trx");
        Directory.CreateDirectory(results);
        File.Delete(trx);

        var run = await ChildProcess.RunAsync(
            "dotnet",
            ["test", "--no-build", "--logger", $"trx;LogFileName={trx}", "--results-directory", results],
            solution.Directory,
            TestTimeout);

        run.EnsureSuccess();
        var summary = TrxSummary.Read(trx);
        Assert.True(summary.Total > 0, $"the generated solution ran no test:\n{run.Output}");
        Assert.Equal(summary.Total, summary.Executed);
        Assert.Equal(summary.Total, summary.Passed);
    }
}
