using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Accounts;

/// <summary>
/// Accounts under <c>/auth</c>: a cookie session that is the one credential, antiforgery on every
/// cookie-authenticated write with the token rotated at sign-in and sign-out, a strict rate limit,
/// and no answer that tells whether an account exists.
/// </summary>
public sealed class AccountEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    // A write that needs a signed-in user whatever else the service maps: an empty change of the account.
    private const string SignedInWrite = "/auth/manage/info";

    [Fact]
    public async Task Login_SetsAHostOnlyHttpOnlySessionCookie_AndNoBearerToken()
    {
        using var client = factory.CreateClient();
        var email = NewEmail();
        await AntiforgeryClient.SignInAsync(client, email);
        var token = await AntiforgeryClient.FetchTokenAsync(client);

        using var login = await PostAsync(client, "/auth/login?useCookies=false", new { email, password = AntiforgeryClient.Password }, token);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), value => value.StartsWith("__Host-Session=", StringComparison.Ordinal));
        foreach (var attribute in new[] { "path=/", "secure", "samesite=strict", "httponly" })
        {
            Assert.Contains(attribute, cookie, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("accessToken", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedSignIns_AreIndistinguishable_WhetherTheAccountExistsOrIsLockedOut()
    {
        using var client = factory.CreateClient();
        var email = NewEmail();
        await AntiforgeryClient.SignInAsync(client, email);
        using var anonymous = factory.CreateClient();
        var token = await AntiforgeryClient.FetchTokenAsync(anonymous);

        var unknown = await FailedLoginAsync(anonymous, NewEmail(), token);
        var wrongPassword = await FailedLoginAsync(anonymous, email, token);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await FailedLoginAsync(anonymous, email, token);
        }

        var lockedOut = await FailedLoginAsync(anonymous, email, token);
        using var correctWhileLocked = await PostAsync(anonymous, "/auth/login", new { email, password = AntiforgeryClient.Password }, token);

        Assert.Equal(unknown, wrongPassword);
        Assert.Equal(unknown, lockedOut);
        Assert.Equal(HttpStatusCode.Unauthorized, correctWhileLocked.StatusCode);
    }

    [Fact]
    public async Task FailedSignIn_HashesThePasswordOnce_WhetherTheAccountExists()
    {
        // Hashing is what a failed sign-in spends its time on: the same work, the same time.
        var hasher = new CountingPasswordHasher();
        using var counted = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddScoped<IPasswordHasher<IdentityUser>>(_ => hasher)));
        using var client = counted.CreateClient();
        var email = NewEmail();
        await AntiforgeryClient.SignInAsync(client, email);
        using var anonymous = counted.CreateClient();
        var token = await AntiforgeryClient.FetchTokenAsync(anonymous);

        var verifications = new List<int>();
        foreach (var account in new[] { email, NewEmail() })
        {
            hasher.Verifications = 0;
            await FailedLoginAsync(anonymous, account, token);
            verifications.Add(hasher.Verifications);
        }

        Assert.Equal([1, 1], verifications);
    }

    [Fact]
    public async Task Register_ATakenEmail_AnswersAsANewAccountDoes()
    {
        using var client = factory.CreateClient();
        var token = await AntiforgeryClient.FetchTokenAsync(client);
        var email = NewEmail();

        using var first = await PostAsync(client, "/auth/register", new { email, password = AntiforgeryClient.Password }, token);
        using var again = await PostAsync(client, "/auth/register", new { email, password = AntiforgeryClient.Password }, token);

        Assert.Equal(first.StatusCode, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_AWeakPassword_Is400ProblemNamingThePolicy()
    {
        using var client = factory.CreateClient();
        var token = await AntiforgeryClient.FetchTokenAsync(client);

        using var response = await PostAsync(client, "/auth/register", new { email = NewEmail(), password = "short" }, token);

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty("PasswordTooShort", out _));
    }

    [Theory]
    [InlineData("Password1234!")]
    [InlineData("qwertyuiop1234")]
    [InlineData("Il0veyou2025!!")]
    public async Task Register_ACommonPassword_Is400NamingIt_AndCreatesNoAccount(string password)
    {
        using var client = factory.CreateClient();
        var token = await AntiforgeryClient.FetchTokenAsync(client);
        var email = NewEmail();

        using var response = await PostAsync(client, "/auth/register", new { email, password }, token);
        using var login = await PostAsync(client, "/auth/login", new { email, password }, token);

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty("PasswordTooCommon", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task SignedInWrites_NeedTheTokenOfTheSignedInUser_RotatedAtLogin()
    {
        using var client = factory.CreateClient();
        var beforeLogin = await AntiforgeryClient.FetchTokenAsync(client);
        await AntiforgeryClient.SignInAsync(client, NewEmail());

        using var withoutToken = await client.PostAsJsonAsync(SignedInWrite, new { });
        using var withStaleToken = await PostAsync(client, SignedInWrite, new { }, beforeLogin);
        using var withFreshToken = await PostAsync(client, SignedInWrite, new { }, await AntiforgeryClient.FetchTokenAsync(client));

        await ProblemDetailsAssert.IsProblemAsync(withoutToken, HttpStatusCode.BadRequest, ProblemTypes.AntiforgeryTokenMissing);
        // Signing in dropped the antiforgery cookie the stale token was issued with.
        await ProblemDetailsAssert.IsProblemAsync(withStaleToken, HttpStatusCode.BadRequest, ProblemTypes.AntiforgeryTokenMissing);
        Assert.Equal(HttpStatusCode.OK, withFreshToken.StatusCode);
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        using var client = factory.CreateClient();
        var email = NewEmail();
        await AntiforgeryClient.SignInAsync(client, email);
        var info = await client.GetFromJsonAsync<JsonElement>("/auth/manage/info");

        using var logout = await PostAsync(client, "/auth/logout", new { }, await AntiforgeryClient.FetchTokenAsync(client));
        using var afterwards = await client.GetAsync(new Uri("/auth/manage/info", UriKind.Relative));
        using var write = await PostAsync(client, SignedInWrite, new { }, await AntiforgeryClient.FetchTokenAsync(client));

        Assert.Equal(email, info.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await ProblemDetailsAssert.IsProblemAsync(afterwards, HttpStatusCode.Unauthorized, ProblemTypes.Unauthenticated);
        await ProblemDetailsAssert.IsProblemAsync(write, HttpStatusCode.Unauthorized, ProblemTypes.Unauthenticated);
    }

    [Fact]
    public async Task Writes_WithoutASession_Are401Problem()
    {
        using var client = factory.CreateClient();
        var token = await AntiforgeryClient.FetchTokenAsync(client);

        using var response = await PostAsync(client, SignedInWrite, new { }, token);

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthenticated);
        SecurityHeadersAssert.HasApiSecurityHeaders(response);
    }

    [Fact]
    public async Task AccountEndpoints_HaveTheirOwnStrictRateLimit()
    {
        using var limited = factory.WithSettings(("RateLimiting:Policies:Auth:PermitLimit", "2"));
        using var client = limited.CreateClient();
        var token = await AntiforgeryClient.FetchTokenAsync(client);

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await PostAsync(client, "/auth/login", new { email = NewEmail(), password = "wrong password" }, token);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task SignInsThatNameOneAccount_MeetItsOwnLimit_WhileOtherAccountsGoOn()
    {
        using var limited = factory.WithSettings(("RateLimiting:Policies:AuthAccount:PermitLimit", "2"));
        using var client = limited.CreateClient();
        var token = await AntiforgeryClient.FetchTokenAsync(client);
        var email = NewEmail();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await PostAsync(client, "/auth/login", new { email = attempt == 2 ? email.ToUpperInvariant() : email, password = "wrong password" }, token);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.TooManyRequests, ProblemTypes.RateLimited);
                Assert.DoesNotContain(email, problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
            }
        }

        using var otherAccount = await PostAsync(client, "/auth/login", new { email = NewEmail(), password = "wrong password" }, token);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAccount.StatusCode);
    }

    [Fact]
    public async Task TheLog_OfAFailedSignInOrARegistration_IsTheSame_WhetherTheAccountExists()
    {
        using var logs = new LogLines();
        using var logged = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        using var client = logged.CreateClient();
        var email = NewEmail();
        await AntiforgeryClient.SignInAsync(client, email);
        using var anonymous = logged.CreateClient();
        var token = await AntiforgeryClient.FetchTokenAsync(anonymous);
        logs.Take();

        await FailedLoginAsync(anonymous, email, token);
        var existing = logs.Take();
        await FailedLoginAsync(anonymous, NewEmail(), token);
        var unknown = logs.Take();
        (await PostAsync(anonymous, "/auth/register", new { email, password = AntiforgeryClient.Password }, token)).Dispose();
        var taken = logs.Take();
        (await PostAsync(anonymous, "/auth/register", new { email = NewEmail(), password = AntiforgeryClient.Password }, token)).Dispose();
        var created = logs.Take();

        Assert.Equal(unknown, existing);
        Assert.Equal(created, taken);
        Assert.DoesNotContain(existing.Concat(taken), line => line.Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SecurityEvents_AreAudited_WithAPseudonym_NeverTheEmailPasswordOrCookie()
    {
        using var logs = new LogLines();
        using var logged = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        using var client = logged.CreateClient();
        using var anonymous = logged.CreateClient();
        var email = NewEmail();
        var token = await AntiforgeryClient.FetchTokenAsync(anonymous);

        await FailedLoginAsync(anonymous, NewEmail(), token);
        await AntiforgeryClient.SignInAsync(client, email);
#if (sample)
        (await client.GetAsync(new Uri("/api/admin/stats", UriKind.Relative))).Dispose();
#endif
        (await PostAsync(client, "/auth/logout", new { }, await AntiforgeryClient.FetchTokenAsync(client))).Dispose();
        (await client.GetAsync(new Uri("/auth/manage/info", UriKind.Relative))).Dispose();
        await AntiforgeryClient.SignInAsync(client, email);
        (await PostAsync(client, "/auth/manage/info", new { oldPassword = AntiforgeryClient.Password, newPassword = "a wholly new passphrase" }, await AntiforgeryClient.FetchTokenAsync(client))).Dispose();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await PostAsync(anonymous, "/auth/login", new { email, password = "not the password" }, token)).Dispose();
        }

        var audit = logs.Take().Where(line => line.StartsWith("ApiSecurityLibrary.PackageId.Audit ", StringComparison.Ordinal)).ToList();
        var events = audit.Select(line => Regex.Match(line, "Audit ([a-z_.]+):").Groups[1].Value).ToList();
        Assert.Equal(
        [
            "sign_in.failed", "sign_in.succeeded",
#if (sample)
            "request.forbidden",
#endif
            "signed_out", "request.unauthenticated", "sign_in.succeeded", "password.changed",
            "sign_in.failed", "sign_in.failed", "sign_in.failed", "sign_in.failed", "sign_in.locked_out",
        ],
        events);
        Assert.All(audit, line => Assert.Matches("account (#|anonymous) from .+, trace .+$", line));
        Assert.DoesNotContain(audit, line => line.Contains(email, StringComparison.OrdinalIgnoreCase) || line.Contains("passphrase", StringComparison.Ordinal)
            || line.Contains(AntiforgeryClient.Password, StringComparison.Ordinal) || line.Contains("Session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefreshingBearerTokens_IsNotServed()
    {
        using var client = factory.CreateClient();
        var token = await AntiforgeryClient.FetchTokenAsync(client);

        using var response = await PostAsync(client, "/auth/refresh", new { refreshToken = "anything" }, token);

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Theory]
    [InlineData("Identity:Password:RequiredLength", "6")]
    [InlineData("Identity:Lockout:MaxFailedAccessAttempts", "0")]
    public void WeakAccountSettings_StopTheServiceAtStartup(string key, string value)
    {
        using var weak = factory.WithSettings((key, value));

        Assert.ThrowsAny<Exception>(() => weak.CreateClient());
        var identity = new Microsoft.AspNetCore.Identity.IdentityOptions();
        identity.Password.RequiredLength = key.EndsWith("RequiredLength", StringComparison.Ordinal) ? 6 : 12;
        identity.Lockout.MaxFailedAccessAttempts = key.EndsWith("Attempts", StringComparison.Ordinal) ? 0 : 5;
        var result = new SecureApi.Features.Accounts.AccountSettingsValidator().Validate(null, identity);
        Assert.Contains($"{key} is {value}", result.FailureMessage, StringComparison.Ordinal);
    }

    private sealed class CountingPasswordHasher : PasswordHasher<IdentityUser>
    {
        public int Verifications { get; set; }

        public override PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
        {
            Verifications++;
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string route, object body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(body) };
        request.Headers.Add(AntiforgeryClient.HeaderName, token);
        return await client.SendAsync(request);
    }

    private static async Task<string> FailedLoginAsync(HttpClient client, string email, string token)
    {
        using var response = await PostAsync(client, "/auth/login", new { email, password = "not the password" }, token);
        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthenticated);
        return $"{problem.GetProperty("type").GetString()} {problem.GetProperty("title").GetString()} {problem.GetProperty("detail").GetString()}";
    }

    // What the service logs at its configured levels, numbers (durations, ids) masked.
    private sealed class LogLines : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public string[] Take()
        {
            var lines = new List<string>();
            while (_lines.TryDequeue(out var line))
            {
                lines.Add(Regex.Replace(line, "[0-9a-fA-F-]{8,}|\\d+(\\.\\d+)?", "#"));
            }

            return [.. lines];
        }

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel} {eventId.Id}: {formatter(state, exception)}");
        }
    }
}
