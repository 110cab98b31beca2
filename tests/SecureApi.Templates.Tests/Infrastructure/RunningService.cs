using System.Text.RegularExpressions;

namespace SecureApi.Templates.Tests.Infrastructure;

/// <summary>
/// A generated service running as a real process on a loopback port that Kestrel chose, so
/// that runs never collide on a port.
/// </summary>
public sealed partial class RunningService : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly ChildProcess _process;

    private RunningService(ChildProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>The address Kestrel listens on.</summary>
    public Uri Address { get; }

    /// <summary>Everything the service printed so far.</summary>
    public string Output => _process.Output;

    /// <summary>Starts the service and waits until it listens.</summary>
    /// <param name="fileName">The program (<c>dotnet</c>).</param>
    /// <param name="arguments">Its arguments; they must make Kestrel listen on 127.0.0.1, port 0 (HTTP or HTTPS).</param>
    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="environment">Variables to set, such as ASPNETCORE_ENVIRONMENT.</param>
    /// <returns>The running service.</returns>
    public static async Task<RunningService> StartAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment)
    {
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = ChildProcess.Start(fileName, arguments, workingDirectory, environment);
        process.LineReceived += line =>
        {
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["address"].Value));
            }
        };

        // The line may have arrived before the handler was attached.
        if (ListeningLine().Match(process.Output) is { Success: true } early)
        {
            listening.TrySetResult(new Uri(early.Groups["address"].Value));
        }

        var exited = process.WaitForExitAsync(StartTimeout);
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(StartTimeout));
        if (first != listening.Task)
        {
            var output = process.Output;
            await process.DisposeAsync();
            Assert.Fail($"`{process.Command}` did not start listening:\n{output}");
        }

        return new RunningService(process, await listening.Task);
    }

    /// <summary>
    /// Applies the migrations an <c>--auth Identity</c> service ships to a user store, as the
    /// deployment's migration step would: Development applies them at startup.
    /// </summary>
    /// <param name="solution">The built solution.</param>
    /// <param name="userStore">The store's connection string.</param>
    /// <param name="keyRing">A key ring folder for the run.</param>
    /// <returns>A task that completes when the store has its schema.</returns>
    public static async Task MigrateUserStoreAsync(GeneratedSolution solution, string userStore, string keyRing)
    {
        ArgumentNullException.ThrowIfNull(solution);

        await using var migrating = await StartAsync(
            "dotnet",
            [solution.WebAssembly, "--urls", "http://127.0.0.1:0"],
            Path.GetDirectoryName(solution.WebAssembly)!,
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Identity"] = userStore,
                ["DataProtection__KeyRingPath"] = keyRing,
            });
    }

    /// <summary>Starts a generated service in Production over real TLS on a loopback port.</summary>
    /// <param name="solution">The built solution.</param>
    /// <param name="certificatePath">The server certificate, a PFX file.</param>
    /// <param name="certificatePassword">Its password.</param>
    /// <param name="settings">More settings, as environment variables.</param>
    /// <returns>The running service.</returns>
    public static Task<RunningService> StartOverTlsAsync(
        GeneratedSolution solution, string certificatePath, string certificatePassword, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(solution);

        var environment = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Kestrel__Certificates__Default__Path"] = certificatePath,
            ["Kestrel__Certificates__Default__Password"] = certificatePassword,
        };
        return StartAsync("dotnet", [solution.WebAssembly, "--urls", "https://127.0.0.1:0"], Path.GetDirectoryName(solution.WebAssembly)!, environment);
    }

    /// <summary>A client for the service.</summary>
    /// <returns>An HTTP client whose base address is the service's.</returns>
    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex(@"Now listening on: (?<address>https?://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
