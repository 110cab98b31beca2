namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the OpenAPI document generator.
/// </summary>
public static class ApiDocumentationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the OpenAPI document generator; <c>MapApiDocumentation</c> decides where it is served.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        return services.AddOpenApi();
    }
}
