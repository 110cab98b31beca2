namespace SecureApi.AspNetCore.Cors;

/// <summary>Endpoint metadata that selects a named CORS policy.</summary>
/// <param name="PolicyName">The policy's name, configured under <c>Cors:Policies</c>.</param>
internal sealed record CorsPolicyMetadata(string PolicyName);
