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
        ClientPartitionKey client, RateLimitRule[] rules, CancellationToken cancellationToken);
}


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
/// <param name="Rule">The index of the rule that refused or, when admitted, of the one closest to exhaustion.</param>
/// <param name="Wait">When the refusing rule admits again or, when admitted, when that rule next gives permits back.</param>
/// <param name="Remaining">When admitted, the permits that rule has left.</param>
internal readonly record struct SharedRateLimitResult(SharedRateLimitOutcome Outcome, int Rule = -1, TimeSpan Wait = default, long Remaining = 0)
{
    /// <summary>The store did not answer.</summary>
    public static SharedRateLimitResult Unavailable => new(SharedRateLimitOutcome.Unavailable);
}
