using SecureApi.Features.ApiDocumentation;
using SecureApi.Features.Health;
using SecureApi.Observability;
using SecureApi.Security;
#if (AuthIdentity)
using SecureApi.Features.Accounts;
#endif
#if (sample && AuthEnabled && !UseControllers)
using SecureApi.Features.Admin;
#endif
#if (sample)
using SecureApi.Features.Items;
#endif

var builder = WebApplication.CreateBuilder(args);

// Every protection, from the ApiSecurityLibrary.PackageId package, bound from configuration
// (appsettings*.json, environment variables) and validated at startup. With Redis:Configuration
// set, all instances share one key ring and one set of rate-limit counters.
builder.AddApiSecurity();
builder.AddApiSecurityRedis();
builder.Services.AddApiHeaderPolicies();

// Traces, metrics (the security counters among them) and logs to the OTLP collector that
// OTEL_EXPORTER_OTLP_ENDPOINT names; nothing is exported or started without it.
builder.AddOpenTelemetryExport();
#if (AuthJwt)

// Bearer tokens, from Authentication:Schemes:Bearer: an identity provider's Authority and the
// audience of this API, or in Development the signing keys `dotnet user-jwts` writes.
builder.Services.AddAuthentication().AddJwtBearer();
#elif (AuthIdentity)

// Accounts under /auth: ASP.NET Core Identity, users in ConnectionStrings:Identity (SQLite),
// signed in with a cookie session.
builder.AddAccounts();
#endif
#if (AuthEnabled)

// Deny by default: an endpoint needs a signed-in user unless it is mapped with AllowAnonymous()
// or names a policy of its own.
builder.Services.AddAuthorizationBuilder().AddAccessPolicies();
#endif

builder.Services.AddHealthChecks(); // add checks of your own dependencies here
builder.Services.AddOpenApi();
#if (UseControllers)
builder.Services.AddControllers();
#endif
#if (sample)
builder.Services.AddItems();
#endif

var app = builder.Build();

// The security pipeline, in the order requests flow through it. Middleware of your own goes
// before it when it must run before routing and every protection (UsePathBase), after it when it
// runs once they have let a request through (UseOutputCache, UseResponseCompression).
app.UseApiSecurity();

app.MapHealthEndpoints();
app.MapAntiforgeryTokenEndpoint().RequireRateLimiting("Token");
app.MapApiDocumentation();
#if (AuthIdentity)
app.MapAccountEndpoints();
#endif
#if (UseControllers)
app.MapControllers();
#elif (sample)
app.MapItemEndpoints();
#if (AuthEnabled)
app.MapAdminEndpoints();
#endif
#endif

#if (AuthIdentity)
await app.MigrateAccountsInDevelopmentAsync();
#endif

// Unsafe or malformed settings, and policies that endpoints name but configuration lacks, stop
// the service before it listens, with one log line each and exit code 1.
app.Run();
