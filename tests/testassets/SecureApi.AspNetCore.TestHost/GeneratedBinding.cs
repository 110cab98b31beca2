using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace SecureApi.AspNetCore.TestHost;

/// <summary>
/// An endpoint as the request delegate generator builds it for <c>(int? limit)</c>: a value that
/// does not parse is answered with an empty 400, no exception, and the parameter is described in
/// the endpoint's metadata.
/// </summary>
public static class GeneratedBinding
{
    /// <summary>The route.</summary>
    public const string Route = "/test/generated-page";

    /// <summary>Maps the endpoint.</summary>
    /// <param name="app">The application.</param>
    public static void MapGeneratedBindingEndpoint(this WebApplication app) =>
        app.MapGet(Route, Handle).WithMetadata(new LimitBinding());

    private static Task Handle(HttpContext context)
    {
        var raw = context.Request.Query["limit"].ToString();
        if (raw.Length > 0 && !int.TryParse(raw, out _))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        }

        return context.Response.WriteAsJsonAsync(new { limit = raw });
    }

    // The handler the generator would have been given.
    private static void Page(int? limit) => _ = limit;

    private sealed class LimitBinding : IParameterBindingMetadata
    {
        public string Name => "limit";

        public bool HasTryParse => true;

        public bool HasBindAsync => false;

        public ParameterInfo ParameterInfo { get; } =
            typeof(GeneratedBinding).GetMethod(nameof(Page), BindingFlags.NonPublic | BindingFlags.Static)!.GetParameters()[0];

        public bool IsOptional => true;
    }
}
