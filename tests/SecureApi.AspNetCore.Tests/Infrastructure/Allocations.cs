namespace SecureApi.AspNetCore.Tests.Infrastructure;

/// <summary>What code allocates on the GC heap: a count of bytes, never a time.</summary>
public static class Allocations
{
    /// <summary>
    /// The bytes <paramref name="call"/> allocates over <paramref name="calls"/> calls on this
    /// thread, after 100 calls that let the JIT and any lazy state settle.
    /// </summary>
    /// <param name="call">The code to measure.</param>
    /// <param name="calls">How many calls are measured.</param>
    /// <returns>The bytes allocated by the measured calls.</returns>
    public static long Of(Action call, int calls = 1000)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var i = 0; i < 100; i++)
        {
            call();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            call();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
