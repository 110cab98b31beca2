namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// A store that all instances of the service count in, so that a limit holds across them. The
/// companion package <c>SecureApi.AspNetCore.Redis</c> provides one.
/// </summary>
internal abstract class SharedRateLimitStore
{
    /// <summary>The store's name, for logs.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the store is connected; when it is not, requests are not sent to it.</summary>
    public abstract bool IsAvailable { get; }

    /// <summary>
    /// Counts one request of <paramref name="client"/> against every rule, in one round trip and
    /// atomically: either every rule admits it and each counts it, or none counts it.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="rules">The rules, one or two (the global limit, the endpoint's policy).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The decision, or <see cref="SharedRateLimitOutcome.Unavailable"/> when the store did not answer.</returns>
    public abstract ValueTask<SharedRateLimitResult> AcquireAsync(
        ClientPartitionKey client, SharedRateLimitRule[] rules, CancellationToken cancellationToken);
}

/// <summary>A policy as a shared store counts it.</summary>
/// <param name="Name">The policy's name (<c>global</c> for the global limit).</param>
/// <param name="Policy">The policy.</param>
internal sealed record SharedRateLimitRule(string Name, RateLimitPolicyOptions Policy);

/// <summary>What a shared store decided.</summary>
internal enum SharedRateLimitOutcome
{
    /// <summary>Every rule admitted the request.</summary>
    Acquired,

    /// <summary>A rule refused it; nothing was counted.</summary>
    Refused,

    /// <summary>The store did not answer.</summary>
    Unavailable,
}

/// <summary>A shared store's decision.</summary>
/// <param name="Outcome">Admitted, refused, or no answer.</param>
/// <param name="RefusedRule">The index of the rule that refused.</param>
/// <param name="RetryAfter">When that rule admits again.</param>
internal readonly record struct SharedRateLimitResult(SharedRateLimitOutcome Outcome, int RefusedRule = -1, TimeSpan RetryAfter = default)
{
    /// <summary>The store did not answer.</summary>
    public static SharedRateLimitResult Unavailable => new(SharedRateLimitOutcome.Unavailable);
}
