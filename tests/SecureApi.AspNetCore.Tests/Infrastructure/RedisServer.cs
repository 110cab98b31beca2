using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace SecureApi.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, with nothing persisted, that a test can stop
/// and start again on the same port, as an outage would.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private const string Executable = "/usr/bin/redis-server";
    private Process? _process;

    /// <summary>The port.</summary>
    public int Port { get; } = FreePort();

    /// <summary>The StackExchange.Redis configuration string of the server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <inheritdoc />
    public Task InitializeAsync() => StartAsync();

    /// <summary>Starts the server and waits until it answers.</summary>
    /// <returns>A task that completes when it answers.</returns>
    public async Task StartAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install Debian's redis-server (.ci/run does).");
        }

        _process = Process.Start(new ProcessStartInfo(Executable,
            ["--port", $"{Port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();

        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on port {Port}.");
    }

    /// <summary>Stops the server, as a crash would.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>A client of its own, for what a test reads from the server.</summary>
    /// <returns>The connection.</returns>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync($"{Configuration},allowAdmin=true");

    /// <summary>How often a command has run since the server started.</summary>
    /// <param name="command">The command, lower case.</param>
    /// <returns>The count.</returns>
    public async Task<long> CallsAsync(string command)
    {
        await using var connection = await ConnectAsync();
        var stats = await connection.GetServer(Configuration).InfoAsync("commandstats");
        var line = stats.SelectMany(group => group).FirstOrDefault(entry => entry.Key == $"cmdstat_{command}").Value;
        return line is null ? 0 : long.Parse(line.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until a service's <c>/health</c> says Healthy again, as it does once it has reconnected to Redis.</summary>
    /// <param name="service">A client of the service.</param>
    /// <returns>A task that completes when the service is healthy.</returns>
    public static async Task WaitUntilHealthyAsync(HttpClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var health = await service.GetAsync(new Uri("/health", UriKind.Relative));
            if ((await health.Content.ReadAsStringAsync()).Contains("Healthy", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The service did not reconnect to Redis within 10 seconds.");
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    /// <returns>The port.</returns>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
