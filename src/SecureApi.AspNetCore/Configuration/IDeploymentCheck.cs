namespace SecureApi.AspNetCore.Configuration;

/// <summary>
/// A check of settings that are valid but unsafe in Production, where each finding is logged as a
/// warning at startup: the service still starts, since the setting may be deliberate.
/// </summary>
internal interface IDeploymentCheck
{
    /// <summary>Finds the settings to warn of.</summary>
    /// <returns>One line each, naming the key and what to set.</returns>
    IEnumerable<string> FindWarnings();
}
