using System.Net;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.AspNetCore.TestHost;
using SecureApi.AspNetCore.Validation;

namespace SecureApi.AspNetCore.Tests.Validation;

/// <summary>
/// A service built on API controllers gets what minimal APIs get from the same two lines: the
/// same strict JSON, the same 400 problems for what cannot be bound, its validators run, and the
/// CORS, antiforgery and rate-limit protections by the framework's own attributes.
/// </summary>
public sealed class ControllerTests(CorsApiFactory factory) : IClassFixture<CorsApiFactory>
{
    private const string ControllerEcho = "/test/controller/echo";
    private const string MinimalEcho = "/test/echo";

    public static TheoryData<string, string> UnreadableBodies => new()
    {
        { "malformed", """{"text": "a",""" },
        { "wrong-type", """{"text": "a", "number": "five"}""" },
        { "number-as-string", """{"text": "a", "number": "5"}""" },
        { "unknown-property", """{"text": "a", "admin": true}""" },
        { "duplicate-property", """{"text": "a", "text": "b"}""" },
        { "too-deep", "{\"text\": " + new string('[', 40) + new string(']', 40) + "}" },
        { "not-an-object", "[1, 2]" },
        { "null", "null" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task UnreadableBody_IsAnsweredAsTheMinimalApiAnswersIt(string name, string body)
    {
        using var client = await factory.CreateAntiforgeryClientAsync();

        using var fromController = await PostJsonAsync(client, ControllerEcho, body);
        using var fromMinimal = await PostJsonAsync(client, MinimalEcho, body);

        var controller = await ProblemDetailsAssert.IsProblemAsync(fromController, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        var minimal = await ProblemDetailsAssert.IsProblemAsync(fromMinimal, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(
            JsonElement.DeepEquals(minimal.GetProperty("errors"), controller.GetProperty("errors")),
            $"{name}: the controller said {controller.GetProperty("errors")}, the minimal API {minimal.GetProperty("errors")}");
        Assert.Equal(minimal.GetProperty("title").GetString(), controller.GetProperty("title").GetString());
        Assert.Equal(minimal.GetProperty("detail").GetString(), controller.GetProperty("detail").GetString());
        CorsAssert.AllowsOrigin(fromController, CorsApiFactory.AllowedOrigin);
        SecurityHeadersAssert.HasApiSecurityHeaders(fromController);
    }

    [Fact]
    public async Task UnreadableBody_NamesNoFrameworkTypeAndNoPosition()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();

        using var response = await PostJsonAsync(client, ControllerEcho, """{"text": "a", "number": 1.5}""");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", body, StringComparison.Ordinal);
        Assert.DoesNotContain("$.", body, StringComparison.Ordinal);
        Assert.Contains("\"number\":[\"The value has the wrong type or is out of range.\"]", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidBody_ReachesTheAction()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();

        using var response = await PostJsonAsync(client, ControllerEcho, """{"text": "deja vu", "number": 5}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"text":"deja vu","number":5}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BodyItsValidatorRefuses_Is400WithTheValidatorsMessagesByCamelCaseField()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();

        using var response = await PostJsonAsync(client, "/test/controller/notes", """{"title": "", "priority": 9}""");

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        var errors = problem.GetProperty("errors");
        Assert.Equal("A title is required.", Assert.Single(errors.GetProperty("title").EnumerateArray()).GetString());
        Assert.Equal("The priority must be from 1 to 5.", Assert.Single(errors.GetProperty("priority").EnumerateArray()).GetString());
        CorsAssert.AllowsOrigin(response, CorsApiFactory.AllowedOrigin);
    }

    [Fact]
    public async Task BodyItsValidatorAccepts_ReachesTheAction()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();

        using var response = await PostJsonAsync(client, "/test/controller/notes", """{"title": "Call back", "priority": 2}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Validator_RunsOncePerArgument_WhenValidationIsRegisteredAgain()
    {
        var validations = 0;
        await using var twice = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services
            .AddApiValidation()
            .AddSingleton<IValidator<NoteRequest>>(new InlineValidator<NoteRequest>
            {
                validator => validator.RuleFor(note => note.Title).Must(_ => Interlocked.Increment(ref validations) > 0),
            })));
        using var client = await AntiforgeryClient.CreateAsync(twice);

        using var response = await PostJsonAsync(client, "/test/controller/notes", """{"title": "Call back", "priority": 2}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, validations);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999")]
    public async Task QueryParameterOfTheWrongType_Is400NamingItWithoutRepeatingTheValue(string limit)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync($"/test/controller/page?limit={limit}");

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.Equal(RequestBodyErrors.WrongTypeMessage, Assert.Single(problem.GetProperty("errors").GetProperty("limit").EnumerateArray()).GetString());
        Assert.DoesNotContain(limit, ProblemText.WithoutTraceId(problem), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task BodyThatIsNotJson_Is415(string contentType)
    {
        using var client = await factory.CreateAntiforgeryClientAsync();
        using var content = new StringContent("text=a", Encoding.UTF8, contentType);

        using var response = await client.PostAsync(ControllerEcho, content);

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
    }

    [Fact]
    public async Task WriteWithoutAntiforgeryToken_IsRefusedBeforeTheAction()
    {
        using var client = factory.CreateClient();

        using var response = await PostJsonAsync(client, ControllerEcho, """{"text": "a", "number": 1}""");

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.AntiforgeryTokenMissing);
    }

    [Fact]
    public async Task EnableCorsAttribute_SelectsTheNamedPolicy()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();

        using var fromAdmin = await CorsApiFactory.PreflightAsync(client, "/test/controller/admin/7", CorsApiFactory.AdminOrigin, "PUT");
        using var fromApp = await CorsApiFactory.PreflightAsync(client, "/test/controller/admin/7", CorsApiFactory.AllowedOrigin, "PUT");
        using var writeFromApp = await CorsApiFactory.SendFromAsync(client, HttpMethod.Put, "/test/controller/admin/7", CorsApiFactory.AllowedOrigin);
        using var writeFromAdmin = await CorsApiFactory.SendFromAsync(client, HttpMethod.Put, "/test/controller/admin/7", CorsApiFactory.AdminOrigin);

        CorsAssert.AllowsOrigin(fromAdmin, CorsApiFactory.AdminOrigin);
        CorsAssert.GrantsNothing(fromApp);
        await ProblemDetailsAssert.IsProblemAsync(writeFromApp, HttpStatusCode.Forbidden, ProblemTypes.OriginNotAllowed);
        Assert.Equal(HttpStatusCode.OK, writeFromAdmin.StatusCode);
        CorsAssert.AllowsOrigin(writeFromAdmin, CorsApiFactory.AdminOrigin);
    }

    [Fact]
    public async Task EnableRateLimitingAttribute_CountsUnderThePolicy()
    {
        await using var limited = factory.WithSettings(("RateLimiting:Policies:Token:PermitLimit", "4"));
        using var client = await AntiforgeryClient.CreateAsync(limited); // its two token requests count too

        using var second = await CorsApiFactory.SendFromAsync(client, HttpMethod.Put, "/test/controller/admin/7", CorsApiFactory.AdminOrigin);
        using var third = await CorsApiFactory.SendFromAsync(client, HttpMethod.Put, "/test/controller/admin/7", CorsApiFactory.AdminOrigin);
        using var refused = await CorsApiFactory.SendFromAsync(client, HttpMethod.Put, "/test/controller/admin/7", CorsApiFactory.AdminOrigin);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("\"Token\";q=4;w=60", SecurityHeadersAssert.Header(second, "RateLimit-Policy"));
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        await ProblemDetailsAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, ProblemTypes.RateLimited);
        CorsAssert.AllowsOrigin(refused, CorsApiFactory.AdminOrigin);
    }

    [Fact]
    public async Task MissingResource_IsTheSameNotFoundProblem()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/test/controller/nothing-here");

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", CorsApiFactory.AllowedOrigin);
        return await client.SendAsync(request);
    }
}
