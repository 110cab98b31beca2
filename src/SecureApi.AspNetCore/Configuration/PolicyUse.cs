namespace SecureApi.AspNetCore.Configuration;

/// <summary>A policy name an endpoint uses.</summary>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="Name">The policy's name, or <see langword="null"/> for none.</param>
// A class, not a tuple: LINQ over a reference type runs precompiled code, where a value tuple's
// instantiations are JIT-compiled while the service starts.
internal sealed record PolicyUse(Endpoint Endpoint, string? Name)
{
    /// <summary>The policies endpoints name that are not defined, each once, with the first endpoint that names it.</summary>
    /// <param name="endpoints">Every endpoint.</param>
    /// <param name="nameOf">The policy an endpoint names, or <see langword="null"/>.</param>
    /// <param name="isDefined">Whether a policy of that name is defined.</param>
    /// <param name="refusal">The refusal for a name and the endpoint that names it.</param>
    /// <returns>One refusal an undefined name.</returns>
    public static IEnumerable<string> Undefined(
        IReadOnlyList<Endpoint> endpoints, Func<Endpoint, string?> nameOf, Func<string, bool> isDefined, Func<string, string, string> refusal) =>
        endpoints
            .Select(endpoint => new PolicyUse(endpoint, nameOf(endpoint)))
            .Where(use => !string.IsNullOrEmpty(use.Name) && !isDefined(use.Name))
            .GroupBy(use => use.Name!, StringComparer.Ordinal)
            .Select(group => refusal(group.Key, group.First().Endpoint.DisplayName ?? group.Key));
}
