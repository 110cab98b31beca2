using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace SecureApi.AspNetCore.Tests.Validation;

/// <summary>
/// JSON is read strictly and written as the application's own options say: a null where the type
/// says there can be none is refused in a request, and written as null in a response.
/// </summary>
public sealed class StrictJsonTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient? _client;

    [Fact]
    public async Task Response_WithNullInANonNullableProperty_IsWrittenNotA500()
    {
        using var response = await _client!.GetAsync(new Uri("/label", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"text":null,"count":3}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"text":null,"count":3}""")]
    [InlineData("""{"text":"a","count":3,"extra":1}""")]
    [InlineData("""{"text":"a","text":"b","count":3}""")]
    [InlineData("""{"text":"a","count":"3"}""")]
    public async Task Request_ThatBreaksTheDeclaredContract_IsA400(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client!.PostAsync(new Uri("/label", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(ApiProblemTypes.ValidationFailed, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_ThatKeepsTheContract_IsRead()
    {
        using var content = new StringContent("""{"text":"a","count":3}""", Encoding.UTF8, "application/json");
        using var response = await _client!.PostAsync(new Uri("/label", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"text":"a","count":3}""", await response.Content.ReadAsStringAsync());
    }

    public async Task InitializeAsync()
    {
        var builder = ApiSecurityCompositionTests.BuilderForThisAssembly();
        builder.WebHost.UseTestServer();
        builder.AddApiSecurity();
        _app = builder.Build();
        _app.UseApiSecurity();
        _app.MapGet("/label", () => TypedResults.Ok(new Label(null!, 3)));
        _app.MapPost("/label", (Label label) => TypedResults.Ok(label)).DisableAntiforgery();
        await _app.StartAsync();
        _client = _app.GetTestClient();
        _client.BaseAddress = new Uri("https://localhost");
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    internal sealed record Label(string Text, int Count);
}
