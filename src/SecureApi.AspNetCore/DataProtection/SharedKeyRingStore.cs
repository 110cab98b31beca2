namespace SecureApi.AspNetCore.DataProtection;

/// <summary>
/// Registered by a package that moves the key ring to a store all instances share (the Redis
/// companion): the folder of <c>DataProtection:KeyRingPath</c> is then neither used nor checked.
/// </summary>
/// <param name="Name">The store, for the startup report.</param>
internal sealed record SharedKeyRingStore(string Name);
