using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureApi.AspNetCore.Tests.Configuration;

/// <summary>
/// A policy an endpoint names and the settings lack fails one way for every concern: the service
/// does not start, and one line names the endpoint and the name. (A misspelled CORS policy used to
/// deny every origin in silence, and a misspelled header policy to fail every response.)
/// </summary>
public sealed class PolicyNameTests
{
    [Theory]
    [InlineData("Amdin", false)]
    [InlineData("Admin", true)]
    public async Task CorsPolicy_NamedByAnEndpoint_MustBeConfigured(string name, bool starts)
    {
        using var logs = new CapturingLoggerProvider();
        var builder = Builder(logs);
        builder.Configuration["Cors:Policies:Admin:AllowedOrigins"] = "https://admin.example.com";
        builder.Services.AddApiCors();

        Assert.Equal(starts, await StartupAssert.StartsAsync(builder, app =>
        {
            app.UseApiCors();
            app.MapGet("/admin/stats", () => "stats").RequireCors(name);
        }));
        AssertRefusal(logs, starts, $"Cors:Policies:{name}", "/admin/stats");
    }

    [Theory]
    [InlineData("Reprot", false)]
    [InlineData("Report", true)]
    public async Task HeaderPolicy_NamedByAnEndpoint_MustBeRegistered(string name, bool starts)
    {
        using var logs = new CapturingLoggerProvider();
        var builder = Builder(logs);
        builder.Services.AddApiSecurityHeaders(headers => headers.AddPolicy("Report", new HeaderPolicyCollection().AddApiStrictSecurityHeaders()));

        Assert.Equal(starts, await StartupAssert.StartsAsync(builder, app =>
        {
            app.UseApiSecurityHeaders();
            app.MapGet("/report", () => "report").WithHeaderPolicy(name);
        }));
        AssertRefusal(logs, starts, $"'{name}'", "/report");
    }

    [Fact]
    public async Task EveryUnknownName_IsRefusedInALineOfItsOwn()
    {
        using var logs = new CapturingLoggerProvider();
        var builder = Builder(logs);
        builder.Services.AddApiSecurityHeaders();
        builder.Services.AddApiCors();
        builder.Services.AddApiRateLimiting();

        Assert.False(await StartupAssert.StartsAsync(builder, app =>
        {
            app.UseApiSecurityHeaders();
            app.UseApiCors();
            app.UseApiRateLimiting();
            app.MapGet("/a", () => "a").RequireCors("NoCors").WithHeaderPolicy("NoHeaders").RequireRateLimiting("NoLimit");
        }));

        var refusals = logs.Entries.Where(entry => entry.Level == LogLevel.Critical).Select(entry => entry.Message).ToList();
        Assert.Equal(3, refusals.Count);
        Assert.Contains(refusals, message => message.Contains("Cors:Policies:NoCors", StringComparison.Ordinal));
        Assert.Contains(refusals, message => message.Contains("'NoHeaders'", StringComparison.Ordinal));
        Assert.Contains(refusals, message => message.Contains("RateLimiting:Policies:NoLimit", StringComparison.Ordinal));
    }

    private static WebApplicationBuilder Builder(CapturingLoggerProvider logs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.AddProvider(logs);
        return builder;
    }

    private static void AssertRefusal(CapturingLoggerProvider logs, bool started, string name, string endpoint)
    {
        var refusals = logs.Entries.Where(entry => entry.Level == LogLevel.Critical).ToList();
        if (started)
        {
            Assert.Empty(refusals);
            return;
        }

        var refusal = Assert.Single(refusals);
        Assert.Contains(name, refusal.Message, StringComparison.Ordinal);
        Assert.Contains(endpoint, refusal.Message, StringComparison.Ordinal);
    }
}
