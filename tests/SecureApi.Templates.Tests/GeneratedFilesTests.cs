using System.Text.RegularExpressions;
using SecureApi.Templates.Tests.Infrastructure;

namespace SecureApi.Templates.Tests;

[Collection(TemplateTestGroup.Name)]
public sealed partial class GeneratedFilesTests(TemplateFixture fixture)
{
    private const string UpdateBaselinesVariable = "SECUREAPI_UPDATE_BASELINES";

    private const string LibraryPackageId = "SecureApi.AspNetCore";

    private static readonly string[] TextFileExtensions = [".cs", ".csproj", ".props", ".slnx", ".json", ".md", ".config", ".editorconfig", ".gitignore"];

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

        // The library's package id (and the source mapping pattern of our packages) and its
        // instrument names (secureapi.cors.denials) are the places the name belongs; the package
        // source is this run's folder.
        foreach (var file in TextFiles(solution))
        {
            var text = file.Text.Replace(LibraryPackageId, string.Empty, StringComparison.Ordinal)
                .Replace(fixture.Packages, string.Empty, StringComparison.Ordinal)
                .Replace("<package pattern=\"SecureApi.*\" />", string.Empty, StringComparison.Ordinal);
            text = PackageInstrumentName().Replace(text, string.Empty);
            Assert.DoesNotContain("SecureApi", file.RelativePath, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SecureApi", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [MemberData(nameof(TemplateVariant.AllIds), MemberType = typeof(TemplateVariant))]
    public async Task LibraryReference_SurvivesTheRename_PinnedAtThePackedVersion(string variantId)
    {
        var variant = TemplateVariant.Get(variantId);
        var solution = await fixture.GenerateAsync(variant);

        var project = await File.ReadAllTextAsync(solution.PathOf($"src/{variant.Name}/{variant.Name}.csproj"));
        Assert.Contains($"<PackageReference Include=\"{LibraryPackageId}\" />", project, StringComparison.Ordinal);
        var versions = await File.ReadAllTextAsync(solution.PathOf("Directory.Packages.props"));
        Assert.Contains($"<PackageVersion Include=\"{LibraryPackageId}\" Version=\"[{fixture.Version}]\" />", versions, StringComparison.Ordinal);
        var sources = await File.ReadAllTextAsync(solution.PathOf("nuget.config"));
        Assert.Contains($"<add key=\"api-security\" value=\"{fixture.Packages}\" />", sources, StringComparison.Ordinal);
        Assert.Contains("<package pattern=\"SecureApi.*\" />", sources, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_RestoresTheLibraryFromTheGivenSource()
    {
        var solution = await fixture.GenerateAsync(TemplateVariant.Default);

        var assets = await File.ReadAllTextAsync(solution.PathOf("src/Contoso.Orders/obj/project.assets.json"));
        Assert.Contains($"\"{LibraryPackageId}/{fixture.Version}\"", assets, StringComparison.Ordinal);
        Assert.Contains(fixture.Packages, assets, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PackageSource_Relative_IsTakenFromTheCurrentDirectory()
    {
        var output = Path.Combine(fixture.WorkDirectory, "generated", "relative-source");

        // A shell keeps PWD at the current directory; this process's is the test runner's.
        (await ChildProcess.RunAsync(
            "dotnet",
            ["new", "secureapi", "-n", "Contoso.Orders", "-o", output, "--package-source", "packages", "--skip-restore", "--debug:custom-hive", fixture.Hive],
            fixture.WorkDirectory,
            TimeSpan.FromMinutes(2),
            new Dictionary<string, string?> { ["PWD"] = fixture.WorkDirectory })).EnsureSuccess();

        var sources = await File.ReadAllTextAsync(Path.Combine(output, "nuget.config"));
        Assert.Contains($"<add key=\"api-security\" value=\"{fixture.WorkDirectory}/packages\" />", sources, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PackageSource_Omitted_WritesNoNugetConfig()
    {
        var output = Path.Combine(fixture.WorkDirectory, "generated", "no-source");

        (await fixture.DotnetNewAsync(fixture.WorkDirectory, "secureapi", "-n", "Contoso.Orders", "-o", output, "--skip-restore")).EnsureSuccess();

        Assert.False(File.Exists(Path.Combine(output, "nuget.config")));
        Assert.Contains($"<PackageReference Include=\"{LibraryPackageId}\" />", await File.ReadAllTextAsync(Path.Combine(output, "src", "Contoso.Orders", "Contoso.Orders.csproj")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("default", 600, 1640)]
    [InlineData("no-sample", 600, 1600)]
    [InlineData("jwt", 760, 2020)]
    [InlineData("identity", 1360, 2440)]
    [InlineData("controllers", 700, 1700)]
    public async Task Service_KeepsOnlyWhatItsTeamOwns(string variantId, int maxSourceLines, int maxTestLines)
    {
        var variant = TemplateVariant.Get(variantId);
        var solution = await fixture.GenerateAsync(variant);

        // The mechanisms come from the package; the service keeps its own header and access policies.
        string[] policies = variant.Options.Contains("--auth") ? ["AccessPolicies.cs", "ApiHeaderPolicies.cs"] : ["ApiHeaderPolicies.cs"];
        Assert.Equal(
            policies.Select(policy => $"src/{variant.Name}/Security/{policy}"),
            solution.Files.Where(file => file.StartsWith($"src/{variant.Name}/Security/", StringComparison.Ordinal)));
        Assert.InRange(CSharpLines(solution, $"src/{variant.Name}/"), 1, maxSourceLines);
        Assert.InRange(CSharpLines(solution, $"tests/{variant.Name}.Tests/"), 1, maxTestLines);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("controllers-jwt")]
    public async Task PackagesNames_AreNotRewrittenWithTheServicesName(string variantId)
    {
        var solution = await fixture.GenerateAsync(TemplateVariant.Get(variantId));
        var readme = await File.ReadAllTextAsync(solution.PathOf("README.md"));

        // The project's name replaces "SecureApi" in every case form; the package's own names
        // (its meter, its instruments, its log categories and namespaces) must survive it.
        Assert.Contains("meter `SecureApi.AspNetCore`", readme, StringComparison.Ordinal);
        Assert.Contains("| `secureapi.cors.denials` |", readme, StringComparison.Ordinal);
        Assert.Contains("SecureApi.AspNetCore.SecurityPosture[1004]", readme, StringComparison.Ordinal);
        Assert.Contains(
            "<Using Include=\"SecureApi.AspNetCore.Diagnostics\" />",
            await File.ReadAllTextAsync(solution.PathOf($"src/{solution.Variant.Name}/{solution.Variant.Name}.csproj")),
            StringComparison.Ordinal);
        foreach (var file in TextFiles(solution))
        {
            Assert.DoesNotContain("Contoso.Orders.AspNetCore", file.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("contoso.orders.", file.Text, StringComparison.Ordinal);
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
    [InlineData("digit-name", "App9lives")]
    [InlineData("underscore-name", "MyService")]
    [InlineData("unicode-name", "Über.Dienst")]
    [InlineData("hyphenated-segments-name", "AB.CD")]
    [InlineData("spaced-name", "MyService")]
    public async Task Name_GivesValidNamespaceAndKeepsFileNames(string variantId, string expectedNamespace)
    {
        var variant = TemplateVariant.Get(variantId);
        var solution = await fixture.GenerateAsync(variant);

        Assert.Contains($"{variant.Name}.slnx", solution.Files);
        Assert.Contains($"src/{variant.Name}/{variant.Name}.csproj", solution.Files);
        Assert.Contains($"tests/{variant.Name}.Tests/{variant.Name}.Tests.csproj", solution.Files);

        var healthWriter = await File.ReadAllTextAsync(solution.PathOf($"src/{variant.Name}/Features/Health/HealthResponseWriter.cs"));
        Assert.Contains($"namespace {expectedNamespace}.Features.Health;", healthWriter, StringComparison.Ordinal);
        var project = await File.ReadAllTextAsync(solution.PathOf($"src/{variant.Name}/{variant.Name}.csproj"));
        Assert.Contains($"<RootNamespace>{expectedNamespace}</RootNamespace>", project, StringComparison.Ordinal);
        Assert.Equal(expectedNamespace, solution.AssemblyName);
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

    [Theory]
    [InlineData("default")]
    [InlineData("controllers")]
    public async Task WithoutAuthentication_TheSampleHasNoAdminArea(string variantId)
    {
        var solution = await fixture.GenerateAsync(TemplateVariant.Get(variantId));

        foreach (var file in TextFiles(solution).Where(file => !file.RelativePath.EndsWith(".md", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("Admin", file.RelativePath, StringComparison.Ordinal);
            Assert.DoesNotContain("/api/admin", file.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("MapAdminEndpoints", file.Text, StringComparison.Ordinal);
        }

        var readme = await File.ReadAllTextAsync(solution.PathOf("README.md"));
        Assert.DoesNotContain("/api/admin", readme, StringComparison.Ordinal);
        Assert.Contains("no admin area", readme, StringComparison.Ordinal);
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

    // EF Core migrations are written by `dotnet ef`, not by the team: they are not counted.
    [GeneratedRegex(@"\bsecureapi(\.[a-z_]+)+")]
    private static partial Regex PackageInstrumentName();

    private static int CSharpLines(GeneratedSolution solution, string folder) =>
        solution.Files
            .Where(file => file.StartsWith(folder, StringComparison.Ordinal) && file.EndsWith(".cs", StringComparison.Ordinal)
                && !file.Contains("/Migrations/", StringComparison.Ordinal))
            .Sum(file => File.ReadAllLines(solution.PathOf(file)).Length);

    private static IEnumerable<(string RelativePath, string Text)> TextFiles(GeneratedSolution solution) =>
        solution.Files
            .Where(file => TextFileExtensions.Contains(Path.GetExtension(file)) || TextFileExtensions.Contains(Path.GetFileName(file)))
            .Select(file => (file, File.ReadAllText(solution.PathOf(file))));
}
