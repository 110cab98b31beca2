using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Configuration;

/// <summary>
/// Reads settings that the host needs while it builds services before its startup validation runs
/// (Kestrel's limits, Data Protection's key storage): reading the validated options there would
/// throw, and crash the host with a stack trace, before the validation can refuse the setting in
/// one log line.
/// </summary>
internal static class SettingsBeforeValidation
{
    /// <summary>Runs the options' setups and validators without throwing.</summary>
    /// <typeparam name="TOptions">The options.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <returns>The settings, or <see langword="null"/> when they do not bind or are invalid: the
    /// startup validation refuses them, and the service never starts.</returns>
    public static TOptions? TryRead<TOptions>(IServiceProvider services)
        where TOptions : class, new() =>
        Read<TOptions>(services) is { } options
        && services.GetServices<IValidateOptions<TOptions>>().All(validator => !validator.Validate(Options.DefaultName, options).Failed)
            ? options
            : null;

    /// <summary>
    /// Runs the options' setups without throwing, and without their validators: for a setting that
    /// is used as it is, whatever else is wrong (the validators may touch the disk).
    /// </summary>
    /// <typeparam name="TOptions">The options.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <returns>The settings, or <see langword="null"/> when they do not bind.</returns>
    public static TOptions? Read<TOptions>(IServiceProvider services)
        where TOptions : class, new()
    {
        var options = new TOptions();
        try
        {
            foreach (var setup in services.GetServices<IConfigureOptions<TOptions>>())
            {
                if (setup is IConfigureNamedOptions<TOptions> named)
                {
                    named.Configure(Options.DefaultName, options);
                }
                else
                {
                    setup.Configure(options);
                }
            }

            foreach (var setup in services.GetServices<IPostConfigureOptions<TOptions>>())
            {
                setup.PostConfigure(Options.DefaultName, options);
            }
        }
        catch (InvalidOperationException)
        {
            // A value that does not bind ("abc").
            return null;
        }

        return options;
    }
}
