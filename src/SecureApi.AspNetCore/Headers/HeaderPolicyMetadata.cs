namespace SecureApi.AspNetCore.Headers;

/// <summary>Endpoint metadata that selects a named security header policy.</summary>
/// <param name="PolicyName">The name the policy was registered under.</param>
internal sealed record HeaderPolicyMetadata(string PolicyName);
