using SecureApi.Templates.Tests.Infrastructure;

namespace SecureApi.Templates.Tests;

[Collection(TemplateTestGroup.Name)]
public sealed class GeneratedFilesTests(TemplateFixture fixture)
{
    private const string UpdateBaselinesVariable = "SECUREAPI_UPDATE_BASELINES";

    private static readonly string[] TextFileExtensions = [".cs", ".csproj", ".props", ".slnx", ".json", ".md", ".editorconfig", ".gitignore"];

    [Theory]
    [MemberData(nameof(TemplateVariant.AllIds), MemberType = typeof(TemplateVariant))]
    public async Task Files_MatchTheCheckedInBaseline(string variantId)
    {
        var solution = await fixture.GenerateAsync(TemplateVariant.Get(variantId));
        var baseline = Path.Combine(Repository.Baselines, $"{variantId}.txt");

        if (Environment.GetEnvironmentVariable(UpdateBaselinesVariable) == "1")
        {
            await File.WriteAllLinesAsync(baseline, solution.Files);
        }

        Assert.True(File.Exists(baseline), $"No baseline {baseline}: run the tests once with {UpdateBaselinesVariable}=1 and review it.");
        Assert.Equal(await File.ReadAllLinesAsync(baseline), solution.Files);
    }

    [Theory]
    [MemberData(nameof(TemplateVariant.AllIds), MemberType = typeof(TemplateVariant))]
    public async Task Name_LeavesNoTemplateNameBehind(string variantId)
    {
        var solution = await fixture.GenerateAsync(TemplateVariant.Get(variantId));

        foreach (var file in TextFiles(solution))
        {
            Assert.DoesNotContain("SecureApi", file.RelativePath, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SecureApi", file.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [MemberData(nameof(TemplateVariant.AllIds), MemberType = typeof(TemplateVariant))]
    public async Task Files_HaveNoTemplateDirectivesLeft(string variantId)
    {
        var solution = await fixture.GenerateAsync(TemplateVariant.Get(variantId));

        foreach (var file in TextFiles(solution))
        {
            Assert.DoesNotContain("#if", file.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("#endif", file.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("AuthoringMode", file.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("default", "Contoso.Orders")]
    [InlineData("hyphenated-name", "MyService")]
    [InlineData("dotted-digits-name", "Acme.Api2026")]
    public async Task Name_GivesValidNamespaceAndKeepsFileNames(string variantId, string expectedNamespace)
    {
        var variant = TemplateVariant.Get(variantId);
        var solution = await fixture.GenerateAsync(variant);

        Assert.Contains($"{variant.Name}.slnx", solution.Files);
        Assert.Contains($"src/{variant.Name}/{variant.Name}.csproj", solution.Files);
        Assert.Contains($"tests/{variant.Name}.Tests/{variant.Name}.Tests.csproj", solution.Files);

        var errorCodes = await File.ReadAllTextAsync(solution.PathOf($"src/{variant.Name}/Security/Errors/ProblemDetailsServiceExtensions.cs"));
        Assert.Contains($"namespace {expectedNamespace}.Security.Errors;", errorCodes, StringComparison.Ordinal);
        var project = await File.ReadAllTextAsync(solution.PathOf($"src/{variant.Name}/{variant.Name}.csproj"));
        Assert.Contains($"<RootNamespace>{expectedNamespace}</RootNamespace>", project, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoSample_LeavesNoSampleCode()
    {
        var solution = await fixture.GenerateAsync(TemplateVariant.NoSample);

        foreach (var file in TextFiles(solution))
        {
            Assert.DoesNotContain("Item", file.RelativePath, StringComparison.Ordinal);
            Assert.DoesNotContain("/api/items", file.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("MapItemEndpoints", file.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("MapAdminEndpoints", file.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Default_RestoresThePackages()
    {
        var solution = await fixture.GenerateAsync(TemplateVariant.Default);

        Assert.True(File.Exists(solution.PathOf("src/Contoso.Orders/obj/project.assets.json")));
        Assert.True(File.Exists(solution.PathOf("tests/Contoso.Orders.Tests/obj/project.assets.json")));
    }

    [Fact]
    public async Task SkipRestore_LeavesTheSameFilesUnrestored()
    {
        var skipped = await fixture.GenerateAsync(TemplateVariant.SkipRestore);
        var restored = await fixture.GenerateAsync(TemplateVariant.Default);

        Assert.False(Directory.Exists(skipped.PathOf("src/Contoso.Orders/obj")));
        Assert.False(Directory.Exists(skipped.PathOf("tests/Contoso.Orders.Tests/obj")));
        Assert.Equal(restored.Files, skipped.Files);
    }

    private static IEnumerable<(string RelativePath, string Text)> TextFiles(GeneratedSolution solution) =>
        solution.Files
            .Where(file => TextFileExtensions.Contains(Path.GetExtension(file)) || TextFileExtensions.Contains(Path.GetFileName(file)))
            .Select(file => (file, File.ReadAllText(solution.PathOf(file))));
}
