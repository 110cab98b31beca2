using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SecureApi.Features.Items;

/// <summary>
/// Registers the services of the sample Items feature.
/// </summary>
public static class ItemsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the item store (the in-memory one unless an <see cref="IItemStore"/> is already
    /// registered), the list's page sizes from <c>Items</c>, which startup validates, and the
    /// feature's JSON contract.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddItems(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton<IItemStore, InMemoryItemStore>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ItemsJsonContext.Default));
#if (UseControllers)
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(json => json.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, ItemsJsonContext.Default));
#endif
        services.AddOptions<ItemListSettings>()
            .BindConfiguration(ItemListSettings.SectionName)
            .Validate(
                settings => settings.MaxPageSize > 0,
                $"{ItemListSettings.SectionName}:MaxPageSize must be a positive number.")
            .Validate(
                settings => settings.DefaultPageSize > 0 && settings.DefaultPageSize <= settings.MaxPageSize,
                $"{ItemListSettings.SectionName}:DefaultPageSize must be from 1 to {ItemListSettings.SectionName}:MaxPageSize.")
            .ValidateOnStart();

        return services;
    }
}
