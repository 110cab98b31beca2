// The same route and response body as the generated service's GET /api/items on a fresh
// store, with nothing in front of it: what ASP.NET Core costs before any protection.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/api/items", () => TypedResults.Ok(Array.Empty<BaselineItem>()));

app.Run();

/// <summary>The shape of a sample item.</summary>
internal sealed record BaselineItem(int Id, string Name, int Quantity);
