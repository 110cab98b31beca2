using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RateLimiting.Benchmarks;

/// <summary>
/// Request pipelines that differ only in their rate limiter, ending in an endpoint that does
/// nothing, so that what is measured is the limiter stage itself.
/// </summary>
internal static class Pipelines
{
    // High enough that no request is ever refused: the limiter runs, but never rejects.
    private const int Unlimited = int.MaxValue;

    /// <summary>No limiter at all.</summary>
    public static RequestDelegate WithoutLimiter() => Build(new Dictionary<string, string?>(), _ => { }, _ => { });

    /// <summary>
    /// The per-IP limiter most snippets show: ASP.NET Core's middleware with a partition per
    /// client address string, one fixed window each.
    /// </summary>
    public static RequestDelegate NaivePerAddress() => Build(
        new Dictionary<string, string?>(),
        services => services.AddRateLimiter(options => options.GlobalLimiter =
            PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Unlimited, Window = TimeSpan.FromSeconds(60) }))),
        app => app.UseRateLimiter());

    /// <summary>The generated service's limiter, as <c>AddApiRateLimiting</c> and <c>UseApiRateLimiting</c> set it up.</summary>
    public static RequestDelegate Template() => Build(
        TemplateSettings(windowSeconds: 60), AddTemplateLimiter, app => app.UseApiRateLimiting());

    /// <summary>The generated service's global limiter on its own, configured as <see cref="Template"/> configures it.</summary>
    /// <param name="windowSeconds">The global window.</param>
    public static PartitionedRateLimiter<HttpContext> TemplateGlobalLimiter(int windowSeconds) =>
        Services(TemplateSettings(windowSeconds), AddTemplateLimiter)
            .GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter!;

    /// <summary>A request from one client of many: 10.x.y.z, numbered.</summary>
    /// <param name="client">The client's number.</param>
    public static DefaultHttpContext RequestFrom(int client)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = new IPAddress([10, (byte)(client >> 16), (byte)(client >> 8), (byte)client]);
        return context;
    }

    private static void AddTemplateLimiter(IServiceCollection services) => services.AddProblemDetails().AddApiRateLimiting();

    private static Dictionary<string, string?> TemplateSettings(int windowSeconds) => new()
    {
        ["RateLimiting:Global:PermitLimit"] = Unlimited.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:Global:WindowSeconds"] = windowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static ServiceProvider Services(Dictionary<string, string?> settings, Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging()
            .AddMetrics();
        configure(services);
        return services.BuildServiceProvider();
    }

    private static RequestDelegate Build(
        Dictionary<string, string?> settings, Action<IServiceCollection> services, Action<IApplicationBuilder> middleware)
    {
        var app = new ApplicationBuilder(Services(settings, services));
        middleware(app);
        app.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        return app.Build();
    }
}
