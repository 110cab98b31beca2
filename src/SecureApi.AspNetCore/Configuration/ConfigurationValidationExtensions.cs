using Microsoft.Extensions.Options;
using SecureApi.AspNetCore.Configuration;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Validates every setting the security pipeline reads before the service starts listening.
/// </summary>
public static class ConfigurationValidationExtensions
{
    /// <summary>
    /// Runs the startup validation of every options class registered with <c>ValidateOnStart</c>,
    /// then each <see cref="IEndpointConfigurationCheck"/> against the mapped endpoints. An unsafe
    /// or malformed setting is logged as one critical line naming the key and the value, without
    /// a stack trace, and the service must not start. In Production, settings that are valid but
    /// unsafe there (such as a key ring kept unencrypted in the instance) are logged as warnings.
    /// Then one information line states the effective security posture (event 1004).
    /// </summary>
    /// <param name="app">The web application, built, its endpoints mapped, not started.</param>
    /// <returns><see langword="true"/> when every setting is valid.</returns>
    public static bool HasValidConfiguration(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConfigurationValidationExtensions));
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            if (!HasSettingsForEveryEndpoint(app, logger))
            {
                return false;
            }

            if (app.Environment.IsProduction())
            {
                foreach (var warning in app.Services.GetServices<IDeploymentCheck>().SelectMany(check => check.FindWarnings()))
                {
                    ConfigurationLog.UnsafeSetting(logger, warning);
                }
            }

            // A category of its own: services log Microsoft.AspNetCore at Warning in Production.
            var postureLogger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityPosture.LogCategory);
            if (postureLogger.IsEnabled(LogLevel.Information))
            {
                var posture = SecurityPosture.Describe(app.Services, app.Environment);
                ConfigurationLog.Posture(postureLogger, posture);
            }

            return true;
        }
        catch (Exception exception) when (IsSettingFailure(exception))
        {
            LogSettingFailures(logger, exception);
        }

        return false;
    }

    // Several invalid sections come as one AggregateException, one inner exception a section.
    private static bool IsSettingFailure(Exception exception) => exception switch
    {
        OptionsValidationException or InvalidOperationException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsSettingFailure),
        _ => false,
    };

    private static void LogSettingFailures(ILogger logger, Exception exception)
    {
        switch (exception)
        {
            case OptionsValidationException validation:
                foreach (var failure in validation.Failures)
                {
                    ConfigurationLog.InvalidSetting(logger, failure);
                }

                break;
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    LogSettingFailures(logger, inner);
                }

                break;
            default:
                // The configuration binder's "Failed to convert configuration value at 'Key' to type ..."
                ConfigurationLog.InvalidSetting(logger, exception.Message);
                break;
        }
    }

    private static bool HasSettingsForEveryEndpoint(WebApplication app, ILogger logger)
    {
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).ToList();
        var failures = app.Services.GetServices<IEndpointConfigurationCheck>().SelectMany(check => check.FindFailures(endpoints)).ToList();
        foreach (var failure in failures)
        {
            ConfigurationLog.InvalidSetting(logger, failure);
        }

        return failures.Count == 0;
    }
}
