using System.Net;
using System.Net.Http.Json;
using System.Text;
using SecureApi.Features.Items;
using SecureApi.Tests.Infrastructure;

namespace SecureApi.Tests.Features.Items;

public sealed class ItemValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("""{"quantity": 1}""", "name")]
    [InlineData("""{"name": null, "quantity": 1}""", "name")]
    [InlineData("""{"name": "", "quantity": 1}""", "name")]
    [InlineData("""{"name": "   ", "quantity": 1}""", "name")]
    [InlineData("""{"name": "bell\u0007", "quantity": 1}""", "name")]
    [InlineData("""{"name": "tab\tinside", "quantity": 1}""", "name")]
    [InlineData("""{"name": "Widget"}""", "quantity")]
    [InlineData("""{"name": "Widget", "quantity": -1}""", "quantity")]
    [InlineData("""{"name": "Widget", "quantity": 10001}""", "quantity")]
    [InlineData("""{"name": "Widget", "quantity": "ten"}""", "quantity")]
    [InlineData("""{"name": "Widget", "quantity": "5"}""", "quantity")]
    [InlineData("""{"name": "\u200b", "quantity": 1}""", "name")]
    [InlineData("""{"name": "\u200b\u2060\ufeff", "quantity": 1}""", "name")]
    [InlineData("""{"name": "\u3000\u00a0", "quantity": 1}""", "name")]
    [InlineData("""{"name": "abc\u202Egpj.exe", "quantity": 1}""", "name")]
    [InlineData("""{"name": "line\u2028break", "quantity": 1}""", "name")]
    [InlineData("""{"name": "Widget", "quantity": 1.5}""", "quantity")]
    [InlineData("""{"name": "Widget", "quantity": 99999999999999999999}""", "quantity")]
    [InlineData("""{"name": 42, "quantity": 1}""", "name")]
    [InlineData("""{"name": "Widget", "quantity": 1, "isAdmin": true}""", "isAdmin")]
    [InlineData("""{"name": "Widget", "name": "Gadget", "quantity": 1}""", "name")]
    [InlineData("", "body")]
    [InlineData("null", "body")]
    public async Task Post_WithInvalidBody_Is400WithTheFieldToFixAndCreatesNothing(string json, string field)
    {
        using var client = await factory.CreateAntiforgeryClientAsync();
        var before = await client.GetFromJsonAsync<Item[]>("/api/items");

        using var response = await client.PostAsync(new Uri("/api/items", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"errors: {problem.GetProperty("errors")}");
        Assert.NotEmpty(messages.EnumerateArray());
        Assert.DoesNotContain("System.", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before!.Length, (await client.GetFromJsonAsync<Item[]>("/api/items"))!.Length);
    }

    [Theory]
    [InlineData("""{"name": "Widget", "quantity": 1""")]
    [InlineData("""{"name": "Widget" "quantity": 1}""")]
    [InlineData("""{"name": "Widget", "quantity": 1}}""")]
    [InlineData("not json")]
    public async Task Post_WithMalformedJson_Is400SayingSo(string json)
    {
        using var client = await factory.CreateAntiforgeryClientAsync();

        using var response = await client.PostAsync(new Uri("/api/items", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        var messages = problem.GetProperty("errors").EnumerateObject().SelectMany(field => field.Value.EnumerateArray()).Select(message => message.GetString());
        Assert.Contains("The body is not valid JSON.", messages);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("utf-7")]
    [InlineData("\"\"")]
    public async Task Post_InAnotherCharsetThanUtf8_Is415AndCreatesNothing(string charset)
    {
        using var client = await factory.CreateAntiforgeryClientAsync();
        var before = await client.GetFromJsonAsync<Item[]>("/api/items");
        using var body = new StringContent("""{"name": "Widget", "quantity": 1}""");
        body.Headers.Remove("Content-Type");
        body.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");

        using var response = await client.PostAsync(new Uri("/api/items", UriKind.Relative), body);

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before!.Length, (await client.GetFromJsonAsync<Item[]>("/api/items"))!.Length);
    }

    [Fact]
    public async Task Post_WithoutName_SaysOnlyThatItIsRequired()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();

        using var response = await client.PostAsJsonAsync("/api/items", new { quantity = 1 });

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.Equal("A name is required.", Assert.Single(problem.GetProperty("errors").GetProperty("name").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Post_NestedTooDeeply_Is400()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();
        var json = $$"""{"name": "Deep", "quantity": 1, "extra": {{new string('[', 200)}}{{new string(']', 200)}}}""";

        using var response = await client.PostAsync(new Uri("/api/items", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
    }

    [Fact]
    public async Task Post_WithInvalidUtf8_Is400()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();
        var bytes = Encoding.UTF8.GetBytes("""{"name": "XX", "quantity": 1}""");
        bytes[10] = 0xC3;
        bytes[11] = 0x28;
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        using var response = await client.PostAsync(new Uri("/api/items", UriKind.Relative), content);

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Post_WithWrongContentType_Is415(string contentType)
    {
        using var client = await factory.CreateAntiforgeryClientAsync();

        using var response = await client.PostAsync(new Uri("/api/items", UriKind.Relative),
            new StringContent("""{"name": "Widget", "quantity": 1}""", Encoding.UTF8, contentType));

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(ItemRequestValidator.MaxNameLength, ItemRequestValidator.MaxQuantity)]
    public async Task Post_AtTheBoundaries_IsCreated(int nameLength, int quantity)
    {
        using var client = await factory.CreateAntiforgeryClientAsync();

        using var response = await client.PostAsJsonAsync("/api/items", new { name = new string('n', nameLength), quantity });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Put_WithInvalidBody_ChangesNothing()
    {
        using var client = await factory.CreateAntiforgeryClientAsync();
        using var created = await client.PostAsJsonAsync("/api/items", new { name = "Original", quantity = 3 });
        var item = await created.Content.ReadFromJsonAsync<Item>();

        using var response = await client.PutAsJsonAsync($"/api/items/{item!.Id}", new { name = "", quantity = 20000 });

        var problem = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("quantity", out _));
        Assert.Equal(item, await client.GetFromJsonAsync<Item>($"/api/items/{item.Id}"));
    }
}
