using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SecureApi.AspNetCore;
using SecureApi.AspNetCore.Antiforgery;
using SecureApi.AspNetCore.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers antiforgery tokens for state-changing requests.
/// </summary>
public static class ApiAntiforgeryServiceCollectionExtensions
{
    /// <summary>
    /// Configures ASP.NET Core's antiforgery explicitly rather than relying on its defaults: the
    /// header is <c>X-XSRF-TOKEN</c> (the default is <c>RequestVerificationToken</c>), the cookie is
    /// <c>__Host-XSRF</c>, HttpOnly and always Secure (the default policy is not Always), SameSite
    /// from <c>Antiforgery:SameSite</c>, and it never writes <c>X-Frame-Options: SAMEORIGIN</c> over
    /// the security headers' <c>DENY</c>. In Development the cookie follows the request's scheme, so
    /// that <c>dotnet run</c> over plain HTTP keeps working.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Settings in code, applied after the configuration section's and
    /// validated like them.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddApiAntiforgery(this IServiceCollection services, Action<ApiAntiforgeryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        return services.AddConcern<CrossSiteRequestCheck, ApiAntiforgeryOptions>(AddAntiforgeryServices, configure);
    }

    private static void AddAntiforgeryServices(IServiceCollection services)
    {
        services.AddSecurityMetrics();
        services.AddApiErrorResponses();
        services.AddOptions<ApiAntiforgeryOptions>().BindConfiguration(ApiAntiforgeryOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiAntiforgeryOptions>, ApiAntiforgeryOptionsValidator>();

        // Configured before AddAntiforgery adds its own setup, which then finds the cookie named
        // and skips deriving a name from the application's discriminator (a SHA-256 at startup).
        services.AddOptions<AntiforgeryOptions>()
            .Configure<IOptions<ApiAntiforgeryOptions>, IHostEnvironment>((antiforgery, settings, environment) =>
            {
                var development = environment.IsDevelopment();
                antiforgery.HeaderName = ApiAntiforgeryOptions.HeaderName;
                antiforgery.SuppressXFrameOptionsHeader = true;
                antiforgery.Cookie.Name = development ? ApiAntiforgeryOptions.DevelopmentCookieName : ApiAntiforgeryOptions.CookieName;
                antiforgery.Cookie.Path = "/";
                antiforgery.Cookie.HttpOnly = true;
                antiforgery.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                antiforgery.Cookie.SameSite = settings.Value.SameSite;
                antiforgery.Cookie.IsEssential = true;
            });
        services.AddAntiforgery();
        services.AddSingleton<CrossSiteRequestCheck>();
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureAll<OpenApiOptions>(openApi => openApi.AddOperationTransformer<AntiforgeryOpenApiTransformer>());
    }
}
