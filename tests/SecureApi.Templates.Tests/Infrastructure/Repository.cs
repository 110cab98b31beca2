namespace SecureApi.Templates.Tests.Infrastructure;

/// <summary>Paths in this repository, found from the test assembly's location.</summary>
public static class Repository
{
    /// <summary>The repository root: the folder that holds SecureApi.Templates.csproj.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The one version of both packages, as Directory.Build.props sets it.</summary>
    public static string Version { get; } =
        System.Xml.Linq.XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("Version").Single().Value;

    /// <summary>NuGet's global packages folder, where restores keep every package version they see.</summary>
    public static string GlobalPackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The template package's project file.</summary>
    public static string PackageProject => Path.Combine(Root, "SecureApi.Templates.csproj");

    /// <summary>The template's configuration folder.</summary>
    public static string TemplateConfig => Path.Combine(Root, "content", "SecureApi", ".template.config");

    /// <summary>The checked-in lists of the files each variant generates.</summary>
    public static string Baselines => Path.Combine(Root, "tests", "SecureApi.Templates.Tests", "Baselines");

    /// <summary>The MDN HTTP Observatory driver (scan.mjs) and its npm package.</summary>
    public static string Observatory => Path.Combine(Root, "tests", "SecureApi.Templates.Tests", "Observatory");

    /// <summary>Where test results (TRX) are written; .ci/run totals every file under it.</summary>
    public static string TestResults => Path.Combine(Root, "TestResults");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SecureApi.Templates.csproj")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No SecureApi.Templates.csproj above {AppContext.BaseDirectory}.");
    }
}
