using Microsoft.AspNetCore.Cors.Infrastructure;

namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// Gives the framework's CORS middleware no policy to apply: the allowlist middleware before it
/// has applied the endpoint's policy. It runs only so that endpoint routing knows the endpoint's
/// <c>RequireCors</c> or <c>[EnableCors]</c> metadata was handled, which it checks before running
/// the endpoint.
/// </summary>
internal sealed class NoFrameworkCorsPolicies : ICorsPolicyProvider
{
    private static readonly Task<CorsPolicy?> None = Task.FromResult<CorsPolicy?>(null);

    /// <inheritdoc />
    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName) => None;
}
