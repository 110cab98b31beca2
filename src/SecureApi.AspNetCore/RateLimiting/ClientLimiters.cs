using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace SecureApi.AspNetCore.RateLimiting;

/// <summary>
/// One policy's limiters, one per client, created on a client's first request. Every 100 ms one
/// timer replenishes them and forgets those idle (all permits back) for 10 seconds, as the in-box
/// partitioned limiter does; unlike it, finding a client's limiter takes no lock that every
/// request of every client waits on, and allocates nothing.
/// </summary>
internal sealed class ClientLimiters : IDisposable
{
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<ClientPartitionKey, Entry> _entries = new();
    private readonly Func<ClientPartitionKey, Entry> _create;
    private readonly Timer _timer;
    private int _ticking;
    private bool _disposed;

    /// <param name="policy">The policy each client's limiter applies.</param>
    public ClientLimiters(RateLimitPolicyOptions policy)
    {
        var limiters = RateLimitPartitions.LimiterFactory(policy);
        _create = key => new Entry(limiters(key));

        // The timer holds these limiters weakly, so that limiters nothing else holds (a host that
        // was not disposed) stop ticking; and not the execution context, which would be the first
        // request's.
        using (ExecutionContext.SuppressFlow())
        {
            _timer = new Timer(static state => Tick((WeakReference<ClientLimiters>)state!), new WeakReference<ClientLimiters>(this), TickPeriod, TickPeriod);
        }
    }

    /// <summary>Takes permits from the client's limiter, without waiting.</summary>
    /// <param name="client">The client.</param>
    /// <param name="permitCount">The permits.</param>
    /// <returns>The lease.</returns>
    public RateLimitLease AttemptAcquire(ClientPartitionKey client, int permitCount)
    {
        while (true)
        {
            var entry = _entries.GetOrAdd(client, _create);
            lock (entry)
            {
                if (!entry.Forgotten)
                {
                    return entry.Limiter.AttemptAcquire(permitCount);
                }
            }
        }
    }

    /// <summary>Takes permits from the client's limiter, waiting in its queue if the policy has one.</summary>
    /// <param name="client">The client.</param>
    /// <param name="permitCount">The permits.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The lease.</returns>
    public ValueTask<RateLimitLease> AcquireAsync(ClientPartitionKey client, int permitCount, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entry = _entries.GetOrAdd(client, _create);
            lock (entry)
            {
                // A request queued here makes the limiter busy: it is not forgotten while it waits.
                if (!entry.Forgotten)
                {
                    return entry.Limiter.AcquireAsync(permitCount, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// The statistics of the client's limiter; for a client that has none, those of a new one
    /// (all permits left), which is not kept.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <returns>The statistics.</returns>
    public RateLimiterStatistics? GetStatistics(ClientPartitionKey client) =>
        (_entries.TryGetValue(client, out var entry) ? entry : _create(client)).Limiter.GetStatistics();

    /// <inheritdoc />
    public void Dispose()
    {
        _timer.Dispose();
        Volatile.Write(ref _disposed, true);
        foreach (var (_, entry) in _entries)
        {
            entry.Limiter.Dispose();
        }
    }

    private static void Tick(WeakReference<ClientLimiters> limiters)
    {
        if (limiters.TryGetTarget(out var target))
        {
            target.Tick();
        }
    }

    private void Tick()
    {
        // A tick that outlasts the period is not joined by the next one.
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (client, entry) in _entries)
            {
                if (Volatile.Read(ref _disposed))
                {
                    return;
                }

                if (entry.Limiter is ReplenishingRateLimiter { IsAutoReplenishing: false } replenishing)
                {
                    replenishing.TryReplenish();
                }

                if (entry.Limiter.IdleDuration > IdleLimit && Forget(client, entry))
                {
                    entry.Limiter.Dispose();
                }
            }
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    // Under the entry's lock, so that no request takes a permit from a limiter once it is gone:
    // that permit would not count against the client's next limiter.
    private bool Forget(ClientPartitionKey client, Entry entry)
    {
        lock (entry)
        {
            if (!(entry.Limiter.IdleDuration > IdleLimit))
            {
                return false;
            }

            entry.Forgotten = true;
            _entries.TryRemove(KeyValuePair.Create(client, entry));
            return true;
        }
    }

    /// <summary>A client's limiter, and whether it was forgotten (a request then takes the new one).</summary>
    private sealed class Entry(RateLimiter limiter)
    {
        public RateLimiter Limiter { get; } = limiter;

        public bool Forgotten { get; set; }
    }
}
