namespace SecureApi.AspNetCore.Configuration;

/// <summary>A policy name an endpoint uses.</summary>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="Name">The policy's name, or <see langword="null"/> for none.</param>
// A class, not a tuple: LINQ over a reference type runs precompiled code, where a value tuple's
// instantiations are JIT-compiled while the service starts.
internal sealed record PolicyUse(Endpoint Endpoint, string? Name);
