// A service that adopts the protections as any existing service would, with a health probe, the
// antiforgery token endpoint, a JSON write that echoes its body (and one limited per its text), a
// read that never ends by itself, an endpoint that binds as generated code does, API controllers (TestControllers.cs) and, in Development, the
// OpenAPI document; with Redis:Configuration, its instances share the key ring and the rate limits.
using SecureApi.AspNetCore.TestHost;

var builder = WebApplication.CreateBuilder(args);

builder.AddApiSecurity();
builder.AddApiSecurityRedis();
builder.Services.AddHealthChecks();

// Bearer authentication only when a test asks for it, from Authentication:Schemes:Bearer.
if (builder.Configuration.GetValue<bool>("TestHost:Bearer"))
{
    builder.Services.AddAuthentication().AddJwtBearer();
    builder.Services.AddAuthorization();
}
builder.Services.AddOpenApi();
builder.Services.AddControllers();

var app = builder.Build();

app.UseApiSecurity();

app.MapHealthChecks("/health")
    .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
    .AllowPlainHttp()
    .DisableRateLimiting();
app.MapAntiforgeryTokenEndpoint().RequireRateLimiting("Token");
app.MapPost("/test/echo", (EchoRequest request) => TypedResults.Ok(request)).WithFluentValidation();
app.MapPost("/test/per-text", (EchoRequest request) => TypedResults.Ok(request))
    .WithFluentValidation()
    .RequireRateLimitingPer("PerText", (EchoRequest request) => request.Text);
app.MapGet("/test/slow", async (CancellationToken cancellation) =>
{
    await Task.Delay(Timeout.Infinite, cancellation);
    return TypedResults.NoContent();
});
if (app.Configuration.GetValue<bool>("TestHost:Bearer"))
{
    app.MapPost("/test/signed-in", (EchoRequest request) => TypedResults.Ok(request)).WithFluentValidation().RequireAuthorization();
}
app.MapGeneratedBindingEndpoint();
app.MapControllers();
if (app.Environment.IsDevelopment())
{
    app.MapOpenApi("/openapi/v1.json");
}

app.Run();
