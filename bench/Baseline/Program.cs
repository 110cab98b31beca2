// The same route and response body as the generated service's GET /api/items on a fresh
// store, with nothing in front of it: what ASP.NET Core costs before any protection.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// With RESPONSE_HEADERS naming a file of "Name: value" lines (bench/run writes there the
// headers the generated service answers its GET with), every response carries them as they
// are: what the response the contract asks for costs, without a protection deciding anything.
if (builder.Configuration["RESPONSE_HEADERS"] is { Length: > 0 } path)
{
    var headers = File.ReadAllLines(path)
        .Select(line => line.Split(':', 2, StringSplitOptions.TrimEntries))
        .Where(parts => parts.Length == 2)
        .ToArray();
    app.Use((context, next) =>
    {
        foreach (var header in headers)
        {
            context.Response.Headers[header[0]] = header[1];
        }

        return next(context);
    });
}

app.MapGet("/api/items", () => TypedResults.Ok(Array.Empty<BaselineItem>()));

app.Run();

/// <summary>The shape of a sample item.</summary>
internal sealed record BaselineItem(int Id, string Name, int Quantity);
