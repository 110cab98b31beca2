using System.Collections.Concurrent;

namespace SecureApi.Templates.Tests.Infrastructure;

/// <summary>
/// Packs the template and the library once, at a version of this run's own (NuGet's global
/// packages folder keeps the first package it sees of each version, so a repacked version would
/// not be picked up), installs the template into a private template hive (never the user's own),
/// and instantiates, builds and tests each variant at most once per test run, however many tests
/// look at it. Every variant restores the library from this run's packages folder through the
/// template's <c>--package-source</c>.
/// </summary>
public sealed class TemplateFixture : IAsyncLifetime
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Lazy<Task<GeneratedSolution>>> _generated = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<ProcessResult>>> _builds = new();

    /// <summary>The folder that holds everything this run creates.</summary>
    public string WorkDirectory { get; } =
        Path.Combine(Path.GetTempPath(), "secureapi-template-tests", Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The private template hive.</summary>
    public string Hive => Path.Combine(WorkDirectory, "hive");

    /// <summary>The folder both packages are packed to, the variants' package source.</summary>
    public string Packages => Path.Combine(WorkDirectory, "packages");

    /// <summary>The version both packages are packed at in this run.</summary>
    public string Version { get; } = $"{Repository.Version}-test.{DateTime.UtcNow.Ticks}";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Packages);

        await DotnetAsync(Repository.Root, "pack", Repository.PackageProject, "--output", Packages, $"-p:Version={Version}");
        var package = Path.Combine(Packages, $"SecureApi.Templates.{Version}.nupkg");
        Assert.True(File.Exists(Path.Combine(Packages, $"SecureApi.AspNetCore.{Version}.nupkg")), "the library was not packed beside the template");
        await DotnetAsync(WorkDirectory, "new", "install", package, "--debug:custom-hive", Hive);
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        // This run's version of the library is of no use to any other run.
        var cached = Path.Combine(Repository.GlobalPackagesFolder, "secureapi.aspnetcore", Version.ToLowerInvariant());
        if (Directory.Exists(cached))
        {
            Directory.Delete(cached, recursive: true);
        }

        if (Environment.GetEnvironmentVariable("SECUREAPI_KEEP_GENERATED") != "1")
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs <c>dotnet new</c> with the private hive.</summary>
    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="arguments">What follows <c>dotnet new</c>.</param>
    /// <returns>Its exit code and output, whatever they are.</returns>
    public Task<ProcessResult> DotnetNewAsync(string workingDirectory, params string[] arguments) =>
        ChildProcess.RunAsync("dotnet", ["new", .. arguments, "--debug:custom-hive", Hive], workingDirectory, CliTimeout);

    /// <summary>Instantiates a variant, once.</summary>
    /// <param name="variant">The variant.</param>
    /// <returns>The generated solution.</returns>
    public Task<GeneratedSolution> GenerateAsync(TemplateVariant variant) =>
        _generated.GetOrAdd(variant.Id, _ => new Lazy<Task<GeneratedSolution>>(() => InstantiateAsync(variant))).Value;

    /// <summary>Builds a variant with warnings as errors, once.</summary>
    /// <param name="variant">The variant.</param>
    /// <returns>The build's exit code and output.</returns>
    public Task<ProcessResult> BuildAsync(TemplateVariant variant) =>
        _builds.GetOrAdd(variant.Id, _ => new Lazy<Task<ProcessResult>>(async () =>
        {
            var solution = await GenerateAsync(variant);
            return await ChildProcess.RunAsync("dotnet", ["build", "-warnaserror"], solution.Directory, CliTimeout);
        })).Value;

    /// <summary>Builds a variant and fails the test when the build fails.</summary>
    /// <param name="variant">The variant.</param>
    /// <returns>The built solution.</returns>
    public async Task<GeneratedSolution> GenerateAndBuildAsync(TemplateVariant variant)
    {
        (await BuildAsync(variant)).EnsureSuccess();
        return await GenerateAsync(variant);
    }

    /// <summary>Runs the dotnet CLI and fails the test when it fails.</summary>
    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <returns>Its output.</returns>
    public static async Task<ProcessResult> DotnetAsync(string workingDirectory, params string[] arguments) =>
        (await ChildProcess.RunAsync("dotnet", arguments, workingDirectory, CliTimeout)).EnsureSuccess();

    private async Task<GeneratedSolution> InstantiateAsync(TemplateVariant variant)
    {
        var output = variant.NameFromOutput
            ? Path.Combine(WorkDirectory, "generated", variant.Id, variant.Name)
            : Path.Combine(WorkDirectory, "generated", variant.Id);
        string[] name = variant.NameFromOutput ? [] : ["--name", variant.Name];
        (await DotnetNewAsync(WorkDirectory, ["secureapi", .. name, "--output", output, "--package-source", Packages, .. variant.Options]))
            .EnsureSuccess();
        return new GeneratedSolution(variant, output, GeneratedSolution.ListFiles(output));
    }
}

/// <summary>The tests that share one <see cref="TemplateFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class TemplateTestGroup : ICollectionFixture<TemplateFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Template";
}
