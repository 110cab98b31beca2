namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// Every CORS policy of the service, read from the <c>Cors</c> configuration section.
/// </summary>
public sealed class ApiCorsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cors";

    /// <summary>The name of the default policy, which applies to endpoints that require no other.</summary>
    public const string DefaultPolicyName = "";

    /// <summary>The default policy (keys directly under <c>Cors</c>).</summary>
    public ApiCorsPolicyOptions Default { get; set; } = new();

    /// <summary>The named policies (<c>Cors:Policies:&lt;Name&gt;</c>).</summary>
    public Dictionary<string, ApiCorsPolicyOptions> Policies { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the service runs in Development, where <c>http://</c> origins are accepted.</summary>
    public bool IsDevelopment { get; set; }

    /// <summary>Every policy with its name and its configuration key prefix.</summary>
    /// <returns>The default policy first, then the named ones.</returns>
    internal IEnumerable<(string Name, string Key, ApiCorsPolicyOptions Policy)> AllPolicies()
    {
        yield return (DefaultPolicyName, SectionName, Default);
        foreach (var (name, policy) in Policies)
        {
            yield return (name, $"{SectionName}:Policies:{name}", policy);
        }
    }
}
