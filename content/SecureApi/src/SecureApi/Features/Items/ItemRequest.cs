namespace SecureApi.Features.Items;

/// <summary>
/// The body of a request that creates or replaces an item. Both values are nullable so that a
/// missing one reaches <see cref="ItemRequestValidator"/>, which says which field to fix, rather
/// than failing deserialization with a message about the whole body.
/// </summary>
/// <param name="Name">The display name.</param>
/// <param name="Quantity">How many are in stock.</param>
public sealed record ItemRequest(string? Name, int? Quantity);
