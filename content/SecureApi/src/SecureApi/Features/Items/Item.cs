namespace SecureApi.Features.Items;

/// <summary>An item of the sample resource.</summary>
/// <param name="Id">The identifier the store assigned.</param>
/// <param name="Name">The display name.</param>
/// <param name="Quantity">How many are in stock.</param>
public sealed record Item(int Id, string Name, int Quantity);
