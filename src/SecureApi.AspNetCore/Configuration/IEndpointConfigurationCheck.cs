namespace SecureApi.AspNetCore.Configuration;

/// <summary>
/// Checks settings that endpoints depend on, such as a policy an endpoint names, once every
/// endpoint is mapped: each registered check runs before the server listens, and any failure stops
/// the service.
/// </summary>
internal interface IEndpointConfigurationCheck
{
    /// <summary>The settings the endpoints need and do not find, each as a message naming its key.</summary>
    /// <param name="endpoints">Every endpoint the application maps.</param>
    /// <returns>The failures; none when the settings are complete.</returns>
    IEnumerable<string> FindFailures(IReadOnlyList<Endpoint> endpoints);
}
