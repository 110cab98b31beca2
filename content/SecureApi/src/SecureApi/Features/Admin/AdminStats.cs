namespace SecureApi.Features.Admin;

/// <summary>Figures about the service for its operators.</summary>
/// <param name="ItemCount">How many items are stored.</param>
public sealed record AdminStats(int ItemCount);
