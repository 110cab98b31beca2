using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore;
using SecureApi.AspNetCore.Authentication;
using SecureApi.AspNetCore.DataProtection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Registers every protection of the service, one call per concern, each bound from configuration.
/// </summary>
public static class ApiSecurityHostApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the services of the security pipeline that <c>UseApiSecurity</c> puts in front of the
    /// endpoints, and the FluentValidation validators of the application's own assembly.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHostApplicationBuilder AddApiSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddApiErrorResponses();
        builder.Services.AddApiServerHardening();
        builder.Services.AddApiSecurityHeaders();
        builder.Services.AddApiHttps();
        builder.Services.AddApiCors();
        builder.Services.AddApiRateLimiting();
        builder.Services.AddApiDataProtection();
        KeyRingCertificateRegistration.Add(builder.Services, builder.Configuration, builder.Environment);
        builder.Services.AddApiAntiforgery();
        builder.Services.AddApiValidation();

        // A bearer scheme, when the service adds one, is checked like every other setting.
        builder.Services.AddOptions<AuthenticationOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthenticationOptions>, BearerSettingsValidator>());
        if (ApplicationAssembly(builder.Environment) is { } application)
        {
            // A validator that takes nothing in its constructor keeps nothing per request: one
            // instance serves them all, instead of its rules (expression trees) being built again
            // for every request. One with dependencies stays scoped, as FluentValidation has it.
            builder.Services.AddValidatorsFromAssembly(application, ServiceLifetime.Singleton, HasNoDependencies, includeInternalTypes: true);
            builder.Services.AddValidatorsFromAssembly(application, ServiceLifetime.Scoped, validator => !HasNoDependencies(validator), includeInternalTypes: true);
        }

        builder.Services.AddSingleton<ApiSecurityMarker>();
        return builder;
    }

    private static bool HasNoDependencies(AssemblyScanner.AssemblyScanResult validator) =>
        validator.ValidatorType.GetConstructors().All(constructor => constructor.GetParameters().Length == 0);

    // The host names the application's assembly (the entry assembly, or the one a test host runs).
    private static Assembly? ApplicationAssembly(IHostEnvironment environment) =>
        string.IsNullOrEmpty(environment.ApplicationName) ? null : Assembly.Load(new AssemblyName(environment.ApplicationName));
}
