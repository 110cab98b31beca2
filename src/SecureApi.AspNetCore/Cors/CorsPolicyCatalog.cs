using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// The compiled CORS policies, rebuilt when the configuration changes. A reload that is invalid
/// is logged and ignored: the policies in force stay in force, never something more permissive.
/// </summary>
internal sealed class CorsPolicyCatalog : IOriginAllowlist, IDisposable
{
    private readonly ILogger<CorsPolicyCatalog> _logger;
    private readonly IDisposable? _subscription;
    private readonly ConcurrentDictionary<string, CompiledCorsPolicy> _unconfigured = new(StringComparer.Ordinal);
    private volatile Dictionary<string, CompiledCorsPolicy> _policies;

    public CorsPolicyCatalog(IOptionsMonitor<ApiCorsOptions> options, ILogger<CorsPolicyCatalog> logger)
    {
        ArgumentNullException.ThrowIfNull(options);

        _logger = logger;
        _policies = CorsPolicyCompiler.Compile(options.CurrentValue, out _);
        _subscription = options.OnChange(Reload);
    }

    /// <summary>
    /// The policy of that name. A name with nothing configured (an empty list in JSON is no key at
    /// all) is a policy that allows no origin.
    /// </summary>
    /// <param name="name">The policy's name; empty for the default policy.</param>
    /// <returns>The compiled policy.</returns>
    public CompiledCorsPolicy Get(string name) =>
        _policies.TryGetValue(name, out var policy)
            ? policy
            : _unconfigured.GetOrAdd(name, static name => new CompiledCorsPolicy(name, new ApiCorsPolicyOptions(), OriginAllowlist.Create([])));

    /// <inheritdoc />
    public bool IsAllowed(string policyName, string origin) => Get(policyName).Origins.Contains(origin);

    /// <inheritdoc />
    public void Dispose() => _subscription?.Dispose();

    private void Reload(ApiCorsOptions options)
    {
        var policies = CorsPolicyCompiler.Compile(options, out var errors);
        if (errors.Count > 0)
        {
            CorsLog.ReloadRefused(_logger, string.Join(" ", errors));
            return;
        }

        _policies = policies;
    }
}
