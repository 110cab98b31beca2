namespace SecureApi.Security.Headers;

/// <summary>Endpoint metadata that selects a named security header policy.</summary>
/// <param name="PolicyName">The name the policy was registered under.</param>
public sealed record HeaderPolicyMetadata(string PolicyName);
