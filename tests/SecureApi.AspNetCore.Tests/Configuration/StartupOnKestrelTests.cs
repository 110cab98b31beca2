using System.Diagnostics;

namespace SecureApi.AspNetCore.Tests.Configuration;

/// <summary>
/// The test host as a real process on Kestrel, as deployed. It adopts the package with
/// <c>AddApiSecurity()</c> and <c>UseApiSecurity()</c> alone: an unsafe or malformed setting still
/// stops it with one line and exit code 1, never a crash. Kestrel reads its limits and Data
/// Protection its key storage while the host is built, before the startup validation runs, so a bad
/// value must not crash them first.
/// </summary>
public sealed class StartupOnKestrelTests
{
    [Theory]
    [InlineData("Limits__MaxRequestBodyBytes", "-1", "Limits:MaxRequestBodyBytes is -1")]
    [InlineData("Limits__MaxRequestBodyBytes", "0", "Limits:MaxRequestBodyBytes is 0")]
    [InlineData("Limits__MaxRequestBodyBytes", "abc", "'abc' at 'Limits:MaxRequestBodyBytes'")]
    [InlineData("Limits__MaxRequestHeaderCount", "-5", "Limits:MaxRequestHeaderCount is -5")]
    [InlineData("Cors__AllowedOrigins__0", "*", "Cors:AllowedOrigins")]
    [InlineData("Hsts__MaxAgeSeconds", "1", "Hsts:MaxAgeSeconds is 1")]
    [InlineData("DataProtection__KeyRingPath", "/proc", "DataProtection:KeyRingPath is '/proc'")]
    public async Task BadLimit_ExitsWithOneLineNamingTheKey_NotACrash(string variable, string value, string refusal)
    {
        var keyRing = Directory.CreateTempSubdirectory("secureapi-keys-");
        try
        {
            var (exitCode, output) = await RunTestHostAsync(new()
            {
                ["DataProtection__KeyRingPath"] = keyRing.FullName,
                [variable] = value,
            });

            Assert.Equal(1, exitCode);
            Assert.Contains(refusal, output, StringComparison.Ordinal);
            Assert.Single(output.Split('\n'), line => line.Contains("Refusing to start", StringComparison.Ordinal));
            Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
        }
        finally
        {
            keyRing.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunTestHostAsync(Dictionary<string, string> environment)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SecureApi.AspNetCore.TestHost.dll"));
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add("http://127.0.0.1:0");
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await errors);
    }
}
