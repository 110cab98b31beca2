using SecureApi.AspNetCore.Configuration;

namespace SecureApi.AspNetCore;

/// <summary>
/// Lets each <c>AddX</c> register its services once however often it is called (so that code
/// configuration can follow <c>AddApiSecurity</c>), and each <c>UseX</c> fail at startup with the
/// call that is missing rather than at the first request.
/// </summary>
internal static class Registration
{
    /// <summary>
    /// Registers a concern's services unless <typeparamref name="TMarker"/>, which only that
    /// concern registers, shows they are there, then adds the settings in code, if any: they run
    /// after the configuration section's binding, on every named instance, and are validated
    /// like it.
    /// </summary>
    /// <typeparam name="TMarker">A service only this concern registers.</typeparam>
    /// <typeparam name="TOptions">The concern's options.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="register">Registers the concern's services.</param>
    /// <param name="configure">Settings in code, or <see langword="null"/>.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddConcern<TMarker, TOptions>(
        this IServiceCollection services, Action<IServiceCollection> register, Action<TOptions>? configure)
        where TOptions : class
    {
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(TMarker)))
        {
            register(services);

            // However the concerns are composed, their settings are checked before the server listens.
            ReportingStartupValidator.Decorate(services);
        }

        if (configure is not null)
        {
            services.ConfigureAll(configure);
        }

        return services;
    }

    /// <summary>
    /// Throws when a service that <paramref name="addMethod"/> registers is missing; otherwise notes
    /// the application's endpoints for the startup validation.
    /// </summary>
    /// <typeparam name="TService">The service.</typeparam>
    /// <param name="app">The application builder.</param>
    /// <param name="addMethod">The registration to call, as users write it.</param>
    /// <exception cref="InvalidOperationException">The service is not registered.</exception>
    public static void EnsureAdded<TService>(this IApplicationBuilder app, string addMethod)
    {
        // Asked without resolving it: resolving would run the options' validation here, before
        // the startup validation can report a bad setting as one log line.
        var services = app.ApplicationServices;
        if (services.GetService<IServiceProviderIsService>()?.IsService(typeof(TService)) == false)
        {
            throw new InvalidOperationException(
                $"The security pipeline's services are not registered: call {addMethod} before builder.Build().");
        }

        services.GetService<MappedEndpoints>()?.Track(app);
    }
}
