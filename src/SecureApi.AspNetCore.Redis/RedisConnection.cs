using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SecureApi.AspNetCore.Redis;

/// <summary>
/// The one connection to Redis. It connects in the background and reconnects by itself, so that
/// the service starts, and keeps serving, while Redis is down.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly Task<ConnectionMultiplexer> _connecting;

    public RedisConnection(IOptions<RedisScaleOutOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);

        _connecting = ConnectionMultiplexer.ConnectAsync(Parse(options.Value.Configuration!));
    }

    /// <summary>Whether commands can be sent now.</summary>
    public bool IsConnected => _connecting.IsCompletedSuccessfully && _connecting.Result.IsConnected;

    /// <summary>The database, once the first attempt to connect is over (it may have failed; commands then fail fast).</summary>
    public IDatabase? DatabaseIfStarted => _connecting.IsCompletedSuccessfully ? _connecting.Result.GetDatabase() : null;

    /// <summary>The connection, once the first attempt to connect is over (it may have failed; it reconnects by itself).</summary>
    /// <returns>The connection.</returns>
    public async Task<IConnectionMultiplexer> ConnectAsync() => await _connecting;

    /// <summary>The database, waiting for the first attempt to connect: for the key ring, which is read rarely.</summary>
    /// <returns>The database.</returns>
    public IDatabase Database() => _connecting.GetAwaiter().GetResult().GetDatabase();

    /// <summary>Reads a configuration string, with the timeouts a request can afford unless it sets its own.</summary>
    /// <param name="configuration">The configuration string.</param>
    /// <returns>The options.</returns>
    public static ConfigurationOptions Parse(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        if (!Mentions(configuration, "asyncTimeout"))
        {
            options.AsyncTimeout = 1000;
        }

        if (!Mentions(configuration, "syncTimeout"))
        {
            options.SyncTimeout = 1000;
        }

        if (!Mentions(configuration, "connectTimeout"))
        {
            options.ConnectTimeout = 2000;
        }

        return options;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_connecting.IsCompletedSuccessfully)
        {
            await _connecting.Result.DisposeAsync();
        }
    }

    private static bool Mentions(string configuration, string setting) =>
        configuration.Contains(setting + "=", StringComparison.OrdinalIgnoreCase);
}
