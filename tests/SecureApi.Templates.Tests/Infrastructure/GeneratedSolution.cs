namespace SecureApi.Templates.Tests.Infrastructure;

/// <summary>The output of one <c>dotnet new secureapi</c>.</summary>
/// <param name="Variant">The name and options it was generated with.</param>
/// <param name="Directory">The solution root.</param>
/// <param name="Files">The generated files, relative paths with '/' separators, sorted; build output excluded.</param>
public sealed record GeneratedSolution(TemplateVariant Variant, string Directory, IReadOnlyList<string> Files)
{
    /// <summary>The full path of a generated file.</summary>
    /// <param name="relativePath">The path relative to the solution root.</param>
    /// <returns>The full path.</returns>
    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

    /// <summary>The compiled web project, as built in Debug, under the assembly name its project gives.</summary>
    public string WebAssembly =>
        PathOf(Path.Combine(Variant.WebProjectDirectory, "bin", "Debug", "net10.0", $"{AssemblyName}.dll"));

    /// <summary>The web project's assembly name: the name's safe form (<c>my_service</c> -> <c>MyService</c>).</summary>
    public string AssemblyName =>
        System.Text.RegularExpressions.Regex.Match(
            File.ReadAllText(PathOf(Path.Combine(Variant.WebProjectDirectory, $"{Variant.Name}.csproj"))), "<AssemblyName>([^<]+)</AssemblyName>").Groups[1].Value;

    /// <summary>Lists the files under a folder the way <see cref="Files"/> does.</summary>
    /// <param name="root">The folder.</param>
    /// <returns>Relative paths with '/' separators, sorted ordinally.</returns>
    public static IReadOnlyList<string> ListFiles(string root) =>
        [.. System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !file.Split('/').Any(segment => segment is "bin" or "obj"))
            .Order(StringComparer.Ordinal)];
}
