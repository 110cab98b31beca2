using Microsoft.Extensions.Options;

namespace SecureApi.AspNetCore.Configuration;

/// <summary>
/// The host's startup validation, which it runs before anything starts, with the package's checks
/// around it: every options class registered with <c>ValidateOnStart</c> (the service's own
/// included), then every policy an endpoint names (CORS, security headers, rate limits). A failure
/// is one log line each and a plain exit, never an unhandled exception. Then, in Production, a
/// warning for each setting that is valid but unsafe there, and one line that states the effective
/// security posture (event 1004).
/// </summary>
/// <param name="inner">The options' own startup validator.</param>
/// <param name="services">The application's services.</param>
internal sealed class ReportingStartupValidator(IStartupValidator inner, IServiceProvider services) : IStartupValidator
{
    /// <inheritdoc />
    public void Validate()
    {
        try
        {
            inner.Validate();
        }
        catch (Exception exception) when (StartupRefusal.IsSettingFailure(exception, out var problems))
        {
            StartupRefusal.Refuse(services, problems, exception);
        }

        var endpoints = services.GetRequiredService<MappedEndpoints>().All(services);
        var failures = services.GetServices<IEndpointConfigurationCheck>().SelectMany(check => check.FindFailures(endpoints)).ToList();
        if (failures.Count > 0)
        {
            StartupRefusal.Refuse(services, failures);
        }

        var loggers = services.GetRequiredService<ILoggerFactory>();
        var environment = services.GetRequiredService<IHostEnvironment>();
        if (environment.IsProduction())
        {
            var logger = loggers.CreateLogger(StartupRefusal.LogCategory);
            foreach (var warning in services.GetServices<IDeploymentCheck>().SelectMany(check => check.FindWarnings()))
            {
                ConfigurationLog.UnsafeSetting(logger, warning);
            }
        }

        // A category of its own: services log Microsoft.AspNetCore at Warning in Production.
        var postureLogger = loggers.CreateLogger(SecurityPosture.LogCategory);
        if (postureLogger.IsEnabled(LogLevel.Information))
        {
            var posture = SecurityPosture.Describe(services, environment);
            ConfigurationLog.Posture(postureLogger, posture);
        }
    }

    /// <summary>
    /// Puts this validator around the options' own, which <c>ValidateOnStart</c> registered, once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static void Decorate(IServiceCollection services)
    {
        var index = services.Count - 1;
        while (index >= 0 && services[index].ServiceType != typeof(IStartupValidator))
        {
            index--;
        }

        if (index < 0 || services.Any(descriptor => descriptor.ServiceType == typeof(MappedEndpoints)))
        {
            return;
        }

        var original = services[index];
        services[index] = ServiceDescriptor.Describe(
            typeof(IStartupValidator),
            provider => new ReportingStartupValidator(Create(original, provider), provider),
            original.Lifetime);
        services.AddSingleton<MappedEndpoints>();
    }

    private static IStartupValidator Create(ServiceDescriptor descriptor, IServiceProvider provider) =>
        (IStartupValidator)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
