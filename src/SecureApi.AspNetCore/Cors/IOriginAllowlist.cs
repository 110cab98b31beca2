namespace SecureApi.AspNetCore.Cors;

/// <summary>
/// Decides whether an origin may call the API cross-origin under a policy. The default
/// implementation reads the <c>Cors</c> configuration (and follows its reloads); register your
/// own to take the allowlist from a database or a tenant registry. It is called on every
/// cross-origin request: answer from memory, not from a query per request.
/// </summary>
public interface IOriginAllowlist
{
    /// <summary>Whether the origin is allowed.</summary>
    /// <param name="policyName">The policy's name; empty for the default policy.</param>
    /// <param name="origin">The <c>Origin</c> header exactly as the browser sent it.</param>
    /// <returns><see langword="true"/> when the origin is allowed.</returns>
    bool IsAllowed(string policyName, string origin);
}
