using Microsoft.Extensions.DependencyInjection.Extensions;
using SecureApi.Features.Items;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the services of the sample Items feature.
/// </summary>
public static class ItemsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the item store: the in-memory one unless an <see cref="IItemStore"/> is already registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddItems(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton<IItemStore, InMemoryItemStore>();

        return services;
    }
}
