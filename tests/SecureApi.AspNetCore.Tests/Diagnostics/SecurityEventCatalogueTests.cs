using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using SecureApi.AspNetCore.Diagnostics;

namespace SecureApi.AspNetCore.Tests.Diagnostics;

/// <summary>
/// The package's log events are a catalogue operators build alerts on: each is source-generated,
/// has an id of its own in its concern's range, names no secret, and is listed, with its id,
/// in the README that generated services ship.
/// </summary>
public sealed partial class SecurityEventCatalogueTests
{
    private static readonly Dictionary<string, int> RangeByLogClass = new(StringComparer.Ordinal)
    {
        ["ConfigurationLog"] = 1000,
        ["HttpsLog"] = 1000,
        ["CorsLog"] = 2000,
        ["AntiforgeryLog"] = 3000,
        ["RateLimitLog"] = 4000,
        ["AuditTrail"] = 5000,
    };

    private static readonly string[] SecretWords = ["token", "cookie", "authorization", "password", "secret", "key"];

    public static TheoryData<int> EventIds => [.. Events().Select(e => e.Attribute.EventId)];

    [Fact]
    public void EveryEvent_HasAnIdOfItsOwn_InItsConcernsRange()
    {
        var events = Events();

        Assert.NotEmpty(events);
        Assert.Equal(events.Count, events.Select(e => e.Attribute.EventId).Distinct().Count());
        Assert.All(events, e =>
        {
            Assert.True(RangeByLogClass.TryGetValue(e.Method.DeclaringType!.Name, out var range), $"{e.Method.DeclaringType.Name} has no id range");
            Assert.InRange(e.Attribute.EventId, range + 1, range + 999);
        });
    }

    [Fact]
    public void NoEvent_HasASecretAmongItsValues()
    {
        Assert.All(Events(), e =>
        {
            var placeholders = Placeholder().Matches(e.Attribute.Message).Select(match => match.Groups[1].Value.ToLowerInvariant());
            Assert.DoesNotContain(placeholders, name => SecretWords.Any(word => name.Contains(word, StringComparison.Ordinal)));
        });
    }

    [Theory]
    [MemberData(nameof(EventIds))]
    public void Event_IsListedInTheGeneratedReadme(int eventId)
    {
        var readme = GeneratedReadme();

        Assert.Matches($@"(?m)^\| {eventId} \| `\w+` \|", readme);
    }

    [Fact]
    public void EveryInstrument_IsListedInTheGeneratedReadme()
    {
        var readme = GeneratedReadme();
        var instruments = typeof(ApiSecurityMetrics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.Name != nameof(ApiSecurityMetrics.MeterName))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();

        Assert.Equal(9, instruments.Count);
        Assert.All(instruments, name => Assert.Contains($"| `{name}` |", readme, StringComparison.Ordinal));
    }

    private static List<(MethodInfo Method, LoggerMessageAttribute Attribute)> Events() =>
        [.. typeof(SecurityMetrics).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Attribute is not null)
            .Select(e => (e.Method, e.Attribute!))];

    // The template's README with the package's names as generation writes them (the content
    // spells them with placeholders, which the project's name would otherwise rewrite).
    private static string GeneratedReadme() =>
        File.ReadAllText(Path.Combine(RepositoryRoot(), "content", "SecureApi", "README.md"))
            .Replace("apisecuritylibrary.", "secureapi.", StringComparison.Ordinal)
            .Replace("ApiSecurityLibrary.PackageId", ApiSecurityMetrics.MeterName, StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SecureApi.Templates.csproj")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found above the test's folder.");
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
