using System.Text.Json.Serialization;
#if (AuthEnabled)
using SecureApi.Features.Admin;
#endif

namespace SecureApi.Features.Items;

/// <summary>
/// The JSON contract of the Items and Admin features, generated at build time: the service does
/// not build it by reflection when it starts. The serializer settings (camelCase names, the
/// package's strict reading) still come from the application's JSON options.
/// </summary>
[JsonSerializable(typeof(Item))]
[JsonSerializable(typeof(Item[]))]
[JsonSerializable(typeof(ItemRequest))]
#if (AuthEnabled)
[JsonSerializable(typeof(AdminStats))]
#endif
internal sealed partial class ItemsJsonContext : JsonSerializerContext;
