// A service that adopts the protections as any existing service would, with a health probe, the
// antiforgery token endpoint and, in Development, the OpenAPI document.
var builder = WebApplication.CreateBuilder(args);

builder.AddApiSecurity();
builder.Services.AddHealthChecks();
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseApiSecurity();

app.MapHealthChecks("/health")
    .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
    .AllowPlainHttp()
    .DisableRateLimiting();
app.MapAntiforgeryTokenEndpoint().RequireRateLimiting("Token");
if (app.Environment.IsDevelopment())
{
    app.MapOpenApi("/openapi/v1.json");
}

if (!app.HasValidConfiguration())
{
    await app.DisposeAsync();
    return 1;
}

app.Run();
return 0;
