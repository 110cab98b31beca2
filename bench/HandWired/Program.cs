// What a team writes from the framework's documentation without the template, and what the
// generated service is compared against: one CORS policy (AddCors), a per-IP fixed-window
// limiter, UseAntiforgery plus a token check on writes, and a middleware that adds the
// security headers. It does less than the generated service (no wildcard origins, no refusal
// of writes from denied origins, no Fetch Metadata check, no RateLimit headers, no problem
// bodies, no strict JSON), with the same routes and bodies as its sample.
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;

var builder = WebApplication.CreateBuilder(args);
var origins = (builder.Configuration["Cors:AllowedOrigins"] ?? "https://app.example.com").Split(',');
var permits = builder.Configuration.GetValue("RateLimiting:Global:PermitLimit", 100);

builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
    policy.WithOrigins(origins).AllowCredentials().WithHeaders("Content-Type", "X-XSRF-TOKEN").WithMethods("GET", "POST", "PUT", "DELETE")));
builder.Services.AddRateLimiter(limiter =>
{
    limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) }));
});
builder.Services.AddAntiforgery(options => options.HeaderName = "X-XSRF-TOKEN");

var app = builder.Build();

app.Use((context, next) =>
{
    var headers = context.Response.Headers;
    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
    headers.XContentTypeOptions = "nosniff";
    headers.XFrameOptions = "DENY";
    headers["Referrer-Policy"] = "no-referrer";
    headers.CacheControl = "no-store";
    return next(context);
});
app.UseCors();
app.UseRateLimiter();
app.UseAntiforgery();
app.Use(async (context, next) =>
{
    var method = context.Request.Method;
    if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method)
        && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }

    await next(context);
});

var items = new List<Item>();
app.MapGet("/antiforgery/token", (IAntiforgery antiforgery, HttpContext context) =>
    TypedResults.Ok(new { requestToken = antiforgery.GetAndStoreTokens(context).RequestToken, headerName = "X-XSRF-TOKEN" }));
app.MapGet("/api/items", () => TypedResults.Ok(Array.Empty<Item>()));
app.MapPost("/api/items", (ItemRequest request) =>
{
    if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100 || request.Quantity is not (>= 0 and <= 10000))
    {
        return Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["A name and a quantity are required."] });
    }

    Item item;
    lock (items)
    {
        item = new Item(items.Count + 1, request.Name, request.Quantity.Value);
        items.Add(item);
    }

    return Results.Created($"/api/items/{item.Id}", item);
}).DisableAntiforgery(); // checked by the middleware above, as for every write

app.Run();

/// <summary>The shape of a sample item.</summary>
internal sealed record Item(int Id, string Name, int Quantity);

/// <summary>The body of a write.</summary>
internal sealed record ItemRequest(string? Name, int? Quantity);
