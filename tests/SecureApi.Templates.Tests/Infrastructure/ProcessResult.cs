namespace SecureApi.Templates.Tests.Infrastructure;

/// <summary>The outcome of a finished process: its exit code and everything it printed.</summary>
/// <param name="Command">The command line, for failure messages.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output and standard error, interleaved as they arrived.</param>
public sealed record ProcessResult(string Command, int ExitCode, string Output)
{
    /// <summary>Fails the test with the command's output when it did not exit with 0.</summary>
    /// <returns>The same result, for chaining.</returns>
    public ProcessResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"`{Command}` exited with {ExitCode}:\n{Output}");
        return this;
    }
}
