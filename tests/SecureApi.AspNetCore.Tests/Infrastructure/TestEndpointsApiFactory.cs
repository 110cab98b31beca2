using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The service with two more routes behind its whole pipeline, for responses the service
/// itself has no route for: <c>/test/throws</c> throws, <c>/test/status/{code}</c> answers
/// that status with no body (and, with <c>?optOut</c>, turns the status code pages off for it).
/// </summary>
public sealed class TestEndpointsApiFactory : ApiFactory
{
    /// <summary>The route that throws.</summary>
    public const string ThrowingPath = "/test/throws";

    /// <summary>The message of the exception it throws, which must never reach a client.</summary>
    public const string SecretMessage = "connection string Password=hunter2";

    /// <summary>The route prefix that answers with a given status.</summary>
    public const string StatusPath = "/test/status";

    /// <summary>The query parameter by which that route turns the status code pages off.</summary>
    public const string OptOutQuery = "optOut";

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestRoutesStartupFilter>());
    }

    private sealed class TestRoutesStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(ThrowingPath, failing => failing.Run(_ => throw new InvalidOperationException(SecretMessage)));
            app.Map(StatusPath, status => status.Run(context =>
            {
                context.Response.StatusCode = int.Parse(context.Request.Path.Value!.Trim('/'), System.Globalization.CultureInfo.InvariantCulture);
                if (context.Request.Query.ContainsKey(OptOutQuery))
                {
                    context.Features.GetRequiredFeature<IStatusCodePagesFeature>().Enabled = false;
                }

                return Task.CompletedTask;
            }));
        };
    }
}
