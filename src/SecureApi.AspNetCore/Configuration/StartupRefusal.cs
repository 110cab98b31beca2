using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Configuration;

/// <summary>
/// Stops a service whose settings are unsafe or malformed: one critical log line a problem, naming
/// the key and the value, then a plain exit with code 1, with no stack trace. The refusal is an
/// exception that fails the host's start, so that a test host that starts the service in-process
/// sees it fail; only when nothing handles it does the process end, with exit code 1.
/// </summary>
internal static class StartupRefusal
{
    /// <summary>The category of the refusal lines.</summary>
    public const string LogCategory = "SecureApi.AspNetCore.StartupValidation";

    private static int _exitOnUnhandled;

    /// <summary>Refuses to start with these problems.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="problems">One message a problem.</param>
    /// <param name="cause">The exception that reported them, if any.</param>
    /// <exception cref="StartupRefusedException">Always: the host must not start.</exception>
    [DoesNotReturn]
    public static void Refuse(IServiceProvider services, IReadOnlyList<string> problems, Exception? cause = null)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
        foreach (var problem in problems)
        {
            ConfigurationLog.InvalidSetting(logger, problem);
        }

        if (Interlocked.Exchange(ref _exitOnUnhandled, 1) == 0)
        {
            AppDomain.CurrentDomain.UnhandledException += ExitOnRefusal;
        }

        throw new StartupRefusedException("Refusing to start: " + string.Join(" ", problems), cause);
    }

    /// <summary>The problems an exception of the options' validation or binding reports.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="problems">One message a problem, when it is a settings failure.</param>
    /// <returns><see langword="true"/> when it reports bad settings.</returns>
    public static bool IsSettingFailure(Exception exception, out List<string> problems)
    {
        problems = [];
        return Collect(exception, problems);
    }

    // Several invalid sections come as one AggregateException, one inner exception a section.
    private static bool Collect(Exception exception, List<string> problems)
    {
        switch (exception)
        {
            case StartupRefusedException:
                return false;
            case OptionsValidationException validation:
                problems.AddRange(validation.Failures);
                return true;
            case AggregateException aggregate:
                return aggregate.InnerExceptions.All(inner => Collect(inner, problems));
            case InvalidOperationException:
                // The configuration binder's "Failed to convert configuration value at 'Key' to type ..."
                problems.Add(exception.Message);
                return true;
            default:
                return false;
        }
    }

    // The refusal left Main unhandled (app.Run() threw it, once the host had flushed its logs):
    // the lines above say why, so end the process without the runtime's crash report and abort.
    private static void ExitOnRefusal(object sender, UnhandledExceptionEventArgs args)
    {
        if (args.ExceptionObject is StartupRefusedException)
        {
            Environment.Exit(1);
        }
    }
}

/// <summary>
/// A service refused to start. Its problems are logged already, one line each: where the host logs
/// this exception too, it says so in one line, without a stack trace or the exception's type.
/// </summary>
/// <param name="message">The problems.</param>
/// <param name="cause">The exception that reported them, if any.</param>
internal sealed class StartupRefusedException(string message, Exception? cause) : InvalidOperationException(message, cause)
{
    /// <inheritdoc />
    public override string? StackTrace => null;

    /// <inheritdoc />
    public override string ToString() => "The service stopped: the settings named in the critical lines above were refused.";
}
