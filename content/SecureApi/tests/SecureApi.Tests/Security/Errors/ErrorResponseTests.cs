using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Security.Errors;

public sealed class ErrorResponseTests(ErrorResponseTests.FailingApiFactory factory)
    : IClassFixture<ErrorResponseTests.FailingApiFactory>
{
    private const string FailingPath = "/test/fails";
    private const string SecretMessage = "connection string Password=hunter2";

    [Fact]
    public async Task UnhandledException_InProduction_IsProblemWithoutDetails()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(FailingPath, UriKind.Relative));

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
        var body = problem.GetRawText();
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.DoesNotContain("stack", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnknownRoute_IsNotFoundProblem()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/no/such/route", UriKind.Relative));

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnsupportedMethod_IsMethodNotAllowedProblem()
    {
        using var client = factory.CreateClient();

        using var response = await client.DeleteAsync(new Uri("/health", UriKind.Relative));

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    /// <summary>The service with one more route, behind the whole pipeline, that always throws.</summary>
    public sealed class FailingApiFactory : ApiFactory
    {
        /// <inheritdoc />
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FailingRouteStartupFilter>());
        }
    }

    private sealed class FailingRouteStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(FailingPath, failing => failing.Run(_ => throw new InvalidOperationException(SecretMessage)));
        };
    }
}
