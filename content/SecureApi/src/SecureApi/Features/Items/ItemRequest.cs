namespace SecureApi.Features.Items;

/// <summary>The body of a request that creates or replaces an item.</summary>
/// <param name="Name">The display name.</param>
/// <param name="Quantity">How many are in stock.</param>
public sealed record ItemRequest(string Name, int Quantity);
