using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using Microsoft.AspNetCore.Builder;
using System.Reflection.PortableExecutable;

namespace SecureApi.AspNetCore.Tests;

/// <summary>
/// What a package that teams pin for years must not do: declare a public type whose full name a
/// framework or dependency assembly already has (naming it is then error CS0433 in the service),
/// or reach into the framework's internals (an <c>.Internal</c> namespace, a type found by its
/// name string, a private key of a framework component), which a framework patch can break in
/// every service at once.
/// </summary>
public sealed class PackageFoundationTests
{
    private static readonly string[] OurAssemblies = ["SecureApi.AspNetCore", "SecureApi.AspNetCore.Redis"];

    private static readonly Lazy<IReadOnlyList<AssemblyTypes>> Referenced = new(ReadReferencedAssemblies);

    [Fact]
    public void NoPublicType_SharesItsFullName_WithAFrameworkOrDependencyType()
    {
        var ours = OurAssemblies.SelectMany(name => Read(AssemblyPath(name)).PublicTypes).ToList();
        Assert.NotEmpty(ours);

        var clashes = Referenced.Value
            .SelectMany(assembly => assembly.PublicTypes.Intersect(ours).Select(type => $"{type} (also in {assembly.Name})"))
            .ToList();

        Assert.True(clashes.Count == 0, "Public types that clash: " + string.Join(", ", clashes));
    }

    [Fact]
    public void Package_ReferencesNoInternalNamespace_OfAFrameworkOrDependency()
    {
        var internals = OurAssemblies
            .SelectMany(name => Read(AssemblyPath(name)).ReferencedNamespaces.Select(ns => (name, ns)))
            .Where(reference => reference.ns.Split('.').Contains("Internal"))
            .Select(reference => $"{reference.name} uses {reference.ns}")
            .ToList();

        Assert.True(internals.Count == 0, string.Join(", ", internals));
    }

    [Fact]
    public void Package_FindsNoFrameworkTypeOrPrivateKey_ByItsNameString()
    {
        var fullNames = Referenced.Value.SelectMany(assembly => assembly.AllTypes).ToHashSet(StringComparer.Ordinal);
        var hiddenNames = Referenced.Value.SelectMany(assembly => assembly.NonPublicTypeNames).Where(IsCompoundName).ToHashSet(StringComparer.Ordinal);
        var privateKeys = Referenced.Value.SelectMany(assembly => assembly.Strings).Where(IsPrivateKey).ToHashSet(StringComparer.Ordinal);

        var found = OurAssemblies
            .SelectMany(name => Read(AssemblyPath(name)).Strings.Select(text => (name, text)))
            .Where(literal => fullNames.Contains(literal.text) || hiddenNames.Contains(literal.text) || privateKeys.Contains(literal.text))
            .Select(literal => $"{literal.name}: \"{literal.text}\"")
            .ToList();

        Assert.True(found.Count == 0, "Framework names in string literals: " + string.Join(", ", found));
    }

    [Fact]
    public void TheChecks_SeeWhatTheyLookFor()
    {
        // The framework's own assemblies hold what the checks above must find in ours.
        var hosting = Referenced.Value.Single(assembly => assembly.Name == "Microsoft.AspNetCore");
        Assert.Contains("HostFilteringStartupFilter", Referenced.Value.SelectMany(assembly => assembly.NonPublicTypeNames));
        Assert.Contains("Microsoft.AspNetCore.Builder.WebApplication", hosting.PublicTypes);
        Assert.Contains("__CorsMiddlewareWithEndpointInvoked", Referenced.Value.SelectMany(assembly => assembly.Strings).Where(IsPrivateKey));
        Assert.Contains(
            Referenced.Value.Single(assembly => assembly.Name == "Microsoft.AspNetCore.DataProtection").AllTypes,
            type => type.Contains(".Internal.", StringComparison.Ordinal));
    }

    // Keys such as HttpContext.Items' "__CorsMiddlewareWithEndpointInvoked": a component's private contract.
    private static bool IsPrivateKey(string text) =>
        text.Length > 3 && text.StartsWith("__", StringComparison.Ordinal) && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    // "HostFilteringStartupFilter", not "Host" or "Value", which name internal types too but are words first.
    private static bool IsCompoundName(string name) =>
        name.Length > 0 && char.IsAsciiLetterUpper(name[0]) && name.All(char.IsAsciiLetterOrDigit) && name.Count(char.IsAsciiLetterUpper) >= 2;

    private static string AssemblyPath(string name) => Path.Combine(AppContext.BaseDirectory, name + ".dll");

    // The shared frameworks the package runs on, and every assembly of a dependency beside the tests.
    private static IReadOnlyList<AssemblyTypes> ReadReferencedAssemblies()
    {
        var frameworkFolders = new[] { typeof(object).Assembly.Location, typeof(WebApplication).Assembly.Location }
            .Select(Path.GetDirectoryName)
            .Distinct();
        var dependencies = OurAssemblies
            .SelectMany(name => Assembly.LoadFrom(AssemblyPath(name)).GetReferencedAssemblies())
            .Select(reference => Path.Combine(AppContext.BaseDirectory, reference.Name + ".dll"))
            .Where(File.Exists);

        return [.. frameworkFolders
            .SelectMany(folder => Directory.EnumerateFiles(folder!, "*.dll"))
            .Concat(dependencies)
            .Where(path => !OurAssemblies.Contains(Path.GetFileNameWithoutExtension(path)))
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(TryRead)
            .OfType<AssemblyTypes>()];
    }

    private static AssemblyTypes? TryRead(string path)
    {
        try
        {
            return Read(path);
        }
        catch (BadImageFormatException)
        {
            return null; // a native library beside the managed ones
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static AssemblyTypes Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();

        var publicTypes = new List<string>();
        var allTypes = new List<string>();
        var nonPublicNames = new List<string>();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            var name = FullName(metadata, type);
            allTypes.Add(name);
            if (IsVisible(metadata, type))
            {
                publicTypes.Add(name);
            }
            else
            {
                nonPublicNames.Add(metadata.GetString(type.Name));
            }
        }

        var namespaces = metadata.TypeReferences
            .Select(handle => metadata.GetString(metadata.GetTypeReference(handle).Namespace))
            .Distinct()
            .ToList();

        var strings = new List<string>();
        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
        {
            strings.Add(metadata.GetUserString(handle));
        }

        return new(Path.GetFileNameWithoutExtension(path), publicTypes, allTypes, nonPublicNames, namespaces, strings);
    }

    private static bool IsVisible(MetadataReader metadata, TypeDefinition type)
    {
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        if (visibility == TypeAttributes.Public)
        {
            return true;
        }

        return visibility is TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem
            && IsVisible(metadata, metadata.GetTypeDefinition(type.GetDeclaringType()));
    }

    private static string FullName(MetadataReader metadata, TypeDefinition type)
    {
        var name = metadata.GetString(type.Name);
        return type.GetDeclaringType() is { IsNil: false } declaring
            ? FullName(metadata, metadata.GetTypeDefinition(declaring)) + "+" + name
            : metadata.GetString(type.Namespace) is { Length: > 0 } ns ? ns + "." + name : name;
    }

    private sealed record AssemblyTypes(
        string Name,
        IReadOnlyList<string> PublicTypes,
        IReadOnlyList<string> AllTypes,
        IReadOnlyList<string> NonPublicTypeNames,
        IReadOnlyList<string> ReferencedNamespaces,
        IReadOnlyList<string> Strings);
}
