using SecureApi.AspNetCore.RateLimiting;

namespace SecureApi.AspNetCore.Tests.RateLimiting;

public sealed class ClientLimitersTests
{
    [Fact]
    public async Task ConcurrentRequestsOfOneClient_AreAdmittedExactlyUpToTheLimit()
    {
        using var limiters = new ClientLimiters(new RateLimitPolicyOptions { PermitLimit = 500, WindowSeconds = 60 });
        var client = Client(7);
        var admitted = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var request = 0; request < 200; request++)
            {
                using var lease = limiters.AttemptAcquire(client, 1);
                if (lease.IsAcquired)
                {
                    Interlocked.Increment(ref admitted);
                }
            }
        })));

        Assert.Equal(500, admitted);
    }

    [Fact]
    public void EachClient_HasItsOwnLimit()
    {
        using var limiters = new ClientLimiters(new RateLimitPolicyOptions { PermitLimit = 2, WindowSeconds = 60 });

        var first = Enumerable.Range(0, 3).Select(_ => Admitted(limiters, Client(1))).ToArray();
        var second = Admitted(limiters, Client(2));

        Assert.Equal([true, true, false], first);
        Assert.True(second);
    }

    [Fact]
    public void Statistics_OfAClientWithoutALimiter_AreThoseOfANewOne_WhichIsNotKept()
    {
        using var limiters = new ClientLimiters(new RateLimitPolicyOptions { PermitLimit = 1, WindowSeconds = 60 });

        var statistics = limiters.GetStatistics(Client(3));
        var admitted = Admitted(limiters, Client(3));
        var refused = !Admitted(limiters, Client(3));

        Assert.Equal(1, statistics!.CurrentAvailablePermits);
        Assert.True(admitted && refused);
        Assert.Equal(0, limiters.GetStatistics(Client(3))!.CurrentAvailablePermits);
    }

    private static ClientPartitionKey Client(int number) => new(null, (UInt128)number);

    private static bool Admitted(ClientLimiters limiters, ClientPartitionKey client)
    {
        using var lease = limiters.AttemptAcquire(client, 1);
        return lease.IsAcquired;
    }
}
