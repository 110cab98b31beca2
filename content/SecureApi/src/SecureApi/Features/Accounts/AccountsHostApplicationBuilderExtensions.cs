using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SecureApi.Features.Accounts;

/// <summary>
/// Registers accounts: ASP.NET Core Identity with its users in SQLite and a cookie session.
/// </summary>
public static class AccountsHostApplicationBuilderExtensions
{
    /// <summary>The connection string of the user store (<c>ConnectionStrings:Identity</c>).</summary>
    public const string ConnectionStringName = "Identity";

    /// <summary>
    /// Adds Identity's users (EF Core on <c>ConnectionStrings:Identity</c>, SQLite), signed in with
    /// a <c>__Host-</c> session cookie that is HttpOnly, Secure and SameSite from
    /// <c>Identity:Cookie:SameSite</c>; the session cookie is the one credential (no bearer tokens),
    /// and the session it names is kept on the server, with an idle timeout and an absolute
    /// lifetime from <c>Identity:Cookie</c>.
    /// The password policy and lockout come from <c>Identity:Password</c> and
    /// <c>Identity:Lockout</c>, validated at startup; the package refuses common and breached
    /// passwords.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var services = builder.Services;
        services.AddDbContext<AccountsDbContext>(database => database.UseSqlite(
            builder.Configuration.GetConnectionString(ConnectionStringName) ?? "Data Source=identity.db"));

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddAuthorization();
        services.AddIdentityCore<IdentityUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddApiPasswordBlocklist()
            .AddApiEndpoints()

            // After AddApiEndpoints, which registers Identity's own sign-in manager again.
            .AddSignInManager<EvenTimeSignInManager>();

        services.AddOptions<IdentityOptions>()
            .Configure(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Lockout.AllowedForNewUsers = true;
            })
            .BindConfiguration("Identity")
            .ValidateOnStart();
        services.AddOptions<SessionCookieSettings>().BindConfiguration(SessionCookieSettings.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdentityOptions>, AccountSettingsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionCookieSettings>, AccountSettingsValidator>());

        // The sessions, in the cache every instance shares (AddApiSecurityRedis puts it in Redis).
        // Each request checks the user's security stamp: a password change or "sign out
        // everywhere" (which change the stamp) ends the user's other sessions at once.
        services.AddDistributedMemoryCache();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ITicketStore, SessionTicketStore>();
        services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.Zero);

        // The store's schema is checked as the service starts (Development applies it instead)
        // and by /health: 503 while it cannot be reached.
        services.AddSingleton<UserStoreCheck>();
        services.AddHealthChecks().AddCheck<UserStoreCheck>("user-store");
        if (!builder.Environment.IsDevelopment())
        {
            services.AddSingleton<IValidateOptions<UserStoreCheck.Settings>>(provider => provider.GetRequiredService<UserStoreCheck>());
            services.AddOptions<UserStoreCheck.Settings>().ValidateOnStart();
        }

        var development = builder.Environment.IsDevelopment();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SessionCookieSettings>, ITicketStore>((cookie, settings, sessions) =>
            {
                // Sessions live on the server: signing out ends them on every instance at once.
                cookie.SessionStore = sessions;
                // dotnet run serves plain HTTP in Development, where a browser drops a Secure cookie
                // and any __Host- cookie: there it is neither.
                cookie.Cookie.Name = development ? "Session" : "__Host-Session";
                cookie.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.Path = "/";
                cookie.Cookie.SameSite = settings.Value.SameSite;
                cookie.SlidingExpiration = true;
                cookie.ExpireTimeSpan = settings.Value.IdleTimeout;

                // An API has no login page: 401 and 403 wherever the request goes, a route that
                // does not exist included (the framework redirects where no API endpoint matched).
                cookie.Events.OnRedirectToLogin = redirect => Refuse(redirect, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = redirect => Refuse(redirect, StatusCodes.Status403Forbidden);
            });

        return builder;
    }

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> redirect, int status)
    {
        redirect.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Creates or updates the user store's schema from the migrations, in Development only: in
    /// other environments a deployment step runs them (<c>dotnet ef database update</c>, or a
    /// migration bundle), never the service itself.
    /// </summary>
    /// <param name="app">The web application.</param>
    /// <returns>A task that completes when the schema is up to date.</returns>
    public static async Task MigrateAccountsInDevelopmentAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().Database.MigrateAsync();
    }
}
