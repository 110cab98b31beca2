using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using SecureApi.AspNetCore.Diagnostics;

namespace SecureApi.AspNetCore.Tests.Diagnostics;

/// <summary>
/// Each refusal of the pipeline is counted on the SecureApi.AspNetCore meter, with tags an
/// operator can group by and that take few values: never the origin, the path or the user.
/// </summary>
public sealed class SecurityMetricsTests(CorsApiFactory factory) : IClassFixture<CorsApiFactory>
{
    private const string Echo = "/test/echo";

    [Fact]
    public async Task DeniedOrigin_IsCountedByPolicyAndKind_AndAnAllowedOneIsNot()
    {
        using var denials = Collect(factory, ApiSecurityMetrics.CorsDenials);
        using var client = await factory.CreateAntiforgeryClientAsync();

        (await CorsApiFactory.PreflightAsync(client, Echo, CorsApiFactory.DeniedOrigin, "POST")).Dispose();
        (await CorsApiFactory.SendFromAsync(client, HttpMethod.Post, Echo, CorsApiFactory.DeniedOrigin)).Dispose();
        (await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", CorsApiFactory.DeniedOrigin)).Dispose();
        (await CorsApiFactory.SendFromAsync(client, HttpMethod.Put, "/test/controller/admin/1", CorsApiFactory.AllowedOrigin)).Dispose();
        (await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/health", CorsApiFactory.AllowedOrigin)).Dispose();

        Assert.Equal(
            ["default/preflight", "default/write", "default/read", "Admin/write"],
            denials.GetMeasurementSnapshot().Select(m => $"{m.Tags["secureapi.cors.policy"]}/{m.Tags["secureapi.cors.request"]}"));
    }

    [Fact]
    public async Task AntiforgeryFailures_AreCountedByReason()
    {
        using var failures = Collect(factory, ApiSecurityMetrics.AntiforgeryFailures);
        using var withoutHeader = await AntiforgeryClient.CreateWithoutHeaderAsync(factory);

        (await PostJsonAsync(withoutHeader, Echo, """{"text": "a"}""")).Dispose();
        using var forged = new HttpRequestMessage(HttpMethod.Post, Echo) { Content = Json("""{"text": "a"}""") };
        forged.Headers.Add(AntiforgeryClient.HeaderName, "not-a-token");
        (await withoutHeader.SendAsync(forged)).Dispose();

        Assert.Equal(["token_missing", "token_invalid"], failures.GetMeasurementSnapshot().Select(m => m.Tags["secureapi.antiforgery.reason"]));
    }

    [Theory]
    [InlineData("cross-site", "cross-site")]
    [InlineData("same-site", "same-site")]
    [InlineData("evil\r\nInjected: yes", "other")]
    public async Task CrossSiteWrite_IsCountedBySecFetchSite_WithUnknownValuesAsOther(string sent, string counted)
    {
        using var refusals = Collect(factory, ApiSecurityMetrics.FetchMetadataRefusals);
        using var client = await factory.CreateAntiforgeryClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Echo) { Content = Json("""{"text": "a"}""") };
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", sent);

        (await client.SendAsync(request)).Dispose();

        Assert.Equal([counted], refusals.GetMeasurementSnapshot().Select(m => m.Tags["secureapi.fetch_metadata.site"]));
    }

    [Fact]
    public async Task PlainHttpRequest_IsCounted()
    {
        using var refusals = Collect(factory, ApiSecurityMetrics.HttpsRefusals);
        using var client = factory.CreatePlainHttpClient();

        (await client.GetAsync(new Uri("/test/controller/page", UriKind.Relative))).Dispose();

        Assert.Equal(1, Assert.Single(refusals.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public async Task UnknownHost_IsCounted()
    {
        await using var hosts = factory.WithSettings(("AllowedHosts", "api.test"));
        using var refusals = Collect(hosts, ApiSecurityMetrics.HostRefusals);
        using var client = hosts.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://elsewhere.test") });

        using var response = await client.GetAsync(new Uri("/test/controller/page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(refusals.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task RateLimitRejection_IsCountedByPolicy()
    {
        await using var limited = factory.WithSettings(("RateLimiting:Policies:Token:PermitLimit", "1"));
        using var rejections = Collect(limited, ApiSecurityMetrics.RateLimitRejections);
        using var client = limited.CreateClient();

        (await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative))).Dispose();
        using var refused = await client.GetAsync(new Uri("/antiforgery/token", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(["Token"], rejections.GetMeasurementSnapshot().Select(m => m.Tags["secureapi.rate_limit.policy"]));
    }

    [Fact]
    public async Task ValidationFailures_AreCountedByRouteTemplateAndStage()
    {
        using var failures = Collect(factory, ApiSecurityMetrics.ValidationFailures);
        using var client = await factory.CreateAntiforgeryClientAsync();

        (await PostJsonAsync(client, Echo, """{"text": "a",""")).Dispose();
        (await PostJsonAsync(client, "/test/controller/echo", """{"text": 5}""")).Dispose();
        (await PostJsonAsync(client, "/test/controller/notes", """{"title": ""}""")).Dispose();
        (await client.GetAsync(new Uri("/test/controller/page?limit=many", UriKind.Relative))).Dispose();
        (await PostJsonAsync(client, "/test/controller/notes", """{"title": "Call", "priority": 1}""")).Dispose();

        Assert.Equal(
            ["/test/echo binding", "test/controller/echo binding", "test/controller/notes rules", "test/controller/page binding"],
            failures.GetMeasurementSnapshot().Select(m => $"{m.Tags["http.route"]} {m.Tags["secureapi.validation.stage"]}"));
    }

    [Fact]
    public async Task Unauthenticated_IsCountedByRouteTemplate()
    {
        await using var bearer = factory.WithSettings([("TestHost:Bearer", "true"), .. TestTokens.Settings]);
        using var failures = Collect(bearer, ApiSecurityMetrics.AuthenticationFailures);
        using var client = bearer.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ApiFactory.HttpsAddress, HandleCookies = false });

        using var anonymous = new HttpRequestMessage(HttpMethod.Post, "/test/signed-in") { Content = Json("""{"text": "a"}""") };
        using var badToken = new HttpRequestMessage(HttpMethod.Post, "/test/signed-in") { Content = Json("""{"text": "a"}""") };
        badToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        using var signedIn = new HttpRequestMessage(HttpMethod.Post, "/test/signed-in") { Content = Json("""{"text": "a"}""") };
        signedIn.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("alice"));
        (await client.SendAsync(anonymous)).Dispose();
        (await client.SendAsync(badToken)).Dispose();
        using var accepted = await client.SendAsync(signedIn);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(["/test/signed-in", "/test/signed-in"], failures.GetMeasurementSnapshot().Select(m => m.Tags["http.route"]));
    }

    [Fact]
    public async Task NoTag_CarriesWhatTheClientSent()
    {
        const string origin = "https://attacker-chosen-origin.example";
        using var client = await factory.CreateAntiforgeryClientAsync();
        var collectors = new[]
        {
            ApiSecurityMetrics.CorsDenials, ApiSecurityMetrics.FetchMetadataRefusals, ApiSecurityMetrics.ValidationFailures,
        }.Select(name => Collect(factory, name)).ToList();

        (await CorsApiFactory.SendFromAsync(client, HttpMethod.Post, "/test/echo?attacker-chosen-query", origin)).Dispose();
        (await PostJsonAsync(client, "/test/echo?attacker-chosen-query", "{\"attacker-chosen-field\": 1}")).Dispose();
        (await CorsApiFactory.SendFromAsync(client, HttpMethod.Get, "/attacker-chosen-path", origin)).Dispose();

        var values = collectors.SelectMany(collector => collector.GetMeasurementSnapshot()).SelectMany(m => m.Tags.Values).Select(value => value?.ToString()).ToList();
        Assert.NotEmpty(values);
        Assert.DoesNotContain(values, value => value!.Contains("attacker-chosen", StringComparison.Ordinal));
        collectors.ForEach(collector => collector.Dispose());
    }

    [Fact]
    public async Task Refusals_AreAudited_WithAPseudonymTheClientAndTheTrace_AndNothingThatIdentifies()
    {
        using var logs = new CapturingLoggerProvider();
        await using var bearer = factory.WithSettings([("TestHost:Bearer", "true"), .. TestTokens.Settings])
            .WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var audited = Collect(bearer, ApiSecurityMetrics.AuditEvents);
        using var client = bearer.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ApiFactory.HttpsAddress, HandleCookies = false });
        var token = TestTokens.For("alice");
        using var anonymous = new HttpRequestMessage(HttpMethod.Post, "/test/signed-in") { Content = Json("""{"text": "a"}""") };
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/test/signed-in") { Content = Json("""{"text": "a"}""") };
        crossSite.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        crossSite.Headers.Add("Cookie", "session=secret-cookie-value");
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var unauthenticated = await client.SendAsync(anonymous);
        using var forbidden = await client.SendAsync(crossSite);

        var events = logs.Entries.Where(entry => entry.Category == "SecureApi.AspNetCore.Audit").ToList();
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden], [unauthenticated.StatusCode, forbidden.StatusCode]);
        Assert.Equal([5006, 5007], events.Select(entry => entry.EventId.Id));
        Assert.Equal(["request.unauthenticated", "request.forbidden"], audited.GetMeasurementSnapshot().Select(m => m.Tags["secureapi.audit.event"]));
        Assert.Contains("account anonymous from ", events[0].Message, StringComparison.Ordinal);
        Assert.Matches("^Audit request.forbidden: account [0-9a-f]{24} from \\S+, trace \\S+$", events[1].Message);
        Assert.DoesNotContain(events, entry => entry.Message.Contains("alice", StringComparison.Ordinal)
            || entry.Message.Contains(token, StringComparison.Ordinal) || entry.Message.Contains("secret-cookie-value", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAccountNamedByItsEmail_IsWrittenAsOnePseudonym_WhateverItsCase()
    {
        using var logs = new CapturingLoggerProvider();
        using var services = new ServiceCollection().AddLogging(logging => logging.AddProvider(logs)).BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };

        context.AuditSecurityEvent(ApiAuditEvent.SignInFailed, "Someone@Example.com");
        context.AuditSecurityEvent(ApiAuditEvent.SignInFailed, " someone@example.com");
        context.AuditSecurityEvent(ApiAuditEvent.SignInFailed, "someone.else@example.com");

        var lines = logs.Entries.Select(entry => entry.Message).ToList();
        Assert.Equal(lines[0], lines[1]);
        Assert.NotEqual(lines[0], lines[2]);
        Assert.All(lines, line => Assert.DoesNotContain("example", line, StringComparison.OrdinalIgnoreCase));
    }

    private static MetricCollector<long> Collect(WebApplicationFactory<Program> host, string instrument) =>
        new(host.Services.GetRequiredService<IMeterFactory>(), ApiSecurityMetrics.MeterName, instrument);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        return await client.SendAsync(request);
    }
}
