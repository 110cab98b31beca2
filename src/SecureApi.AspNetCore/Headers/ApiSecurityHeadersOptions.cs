namespace SecureApi.AspNetCore.Headers;

/// <summary>
/// The security header policies: a default for every response and named ones that endpoints
/// select with <c>WithHeaderPolicy</c>, set in code with <c>AddApiSecurityHeaders</c>.
/// </summary>
public sealed class ApiSecurityHeadersOptions
{
    private readonly Dictionary<string, HeaderPolicyCollection> _policies = new(StringComparer.Ordinal);

    /// <summary>The policy of every endpoint that selects no other: API-strict unless the application sets its own.</summary>
    public HeaderPolicyCollection DefaultPolicy { get; set; } = new HeaderPolicyCollection().AddApiStrictSecurityHeaders();

    /// <summary>The named policies.</summary>
    public IReadOnlyDictionary<string, HeaderPolicyCollection> Policies => _policies;

    /// <summary>Registers a named policy.</summary>
    /// <param name="name">The name endpoints select it by.</param>
    /// <param name="policy">The policy.</param>
    public void AddPolicy(string name, HeaderPolicyCollection policy)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(policy);

        _policies[name] = policy;
    }
}
