using Microsoft.AspNetCore.Cors.Infrastructure;

namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// Endpoint metadata that selects a named CORS policy. It is the framework's
/// <see cref="IEnableCorsAttribute"/>, so that a controller's <c>[EnableCors("Admin")]</c>
/// selects the policy as <c>RequireCorsPolicy("Admin")</c> does.
/// </summary>
/// <param name="policyName">The policy's name, configured under <c>Cors:Policies</c>.</param>
internal sealed class CorsPolicyMetadata(string policyName) : IEnableCorsAttribute
{
    /// <inheritdoc />
    public string? PolicyName { get; set; } = policyName;
}
