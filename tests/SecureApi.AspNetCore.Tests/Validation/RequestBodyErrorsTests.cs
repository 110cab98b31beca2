using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using SecureApi.AspNetCore.Validation;

namespace SecureApi.AspNetCore.Tests.Validation;

public sealed class RequestBodyErrorsTests
{
    private static readonly JsonSerializerOptions StrictJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        MaxDepth = 8,
    };

    [Theory]
    [InlineData("""{"count": 1, "extra": 2}""", "extra", "This property is not part of the request: remove it.")]
    [InlineData("""{"count": 1, "count": 2}""", "count", "This property appears more than once: send it once.")]
    [InlineData("""{"count": "one"}""", "count", "The value has the wrong type or is out of range.")]
    [InlineData("""{"count": 1e99}""", "count", "The value has the wrong type or is out of range.")]
    [InlineData("""{"count": 1""", "count", "The body is not valid JSON.")]
    [InlineData("""{"count": }""", "count", "The body is not valid JSON.")]
    [InlineData("""{"count":""", "count", "The body is not valid JSON.")]
    [InlineData("""{"count": 1, "nested": [[[[[[[[[[1]]]]]]]]]]}""", "nested", "The JSON is nested too deeply.")]
    public void Describe_NamesTheFieldAndWhatToFix(string json, string field, string message)
    {
        var errors = RequestBodyErrors.Describe(BindingFailure(json));

        Assert.Equal(message, Assert.Single(Assert.Single(errors, error => error.Key.StartsWith(field, StringComparison.Ordinal)).Value));
        Assert.DoesNotContain(errors.Values.SelectMany(value => value), text => text.Contains("System.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Failed to bind parameter \"int? Limit\" from \"abc\".", "limit", "The value has the wrong type or is out of range.")]
    [InlineData("Required parameter \"int id\" was not provided from query string.", "id", "This parameter is required.")]
    public void Describe_AParameterThatDoesNotBind_NamesTheParameter(string failure, string parameter, string message)
    {
        var errors = RequestBodyErrors.Describe(new BadHttpRequestException(failure));

        Assert.Equal(message, Assert.Single(Assert.Single(errors, error => error.Key == parameter).Value));
    }

    [Fact]
    public void Describe_WithoutBody_AsksForOne()
    {
        var errors = RequestBodyErrors.Describe(new BadHttpRequestException("Implicit body inferred but no body was provided."));

        Assert.Equal("A JSON body is required.", Assert.Single(errors[RequestBodyErrors.BodyKey]));
    }

    private static BadHttpRequestException BindingFailure(string json)
    {
        var exception = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Counter>(json, StrictJson));
        return new BadHttpRequestException("Failed to read parameter.", exception);
    }

    private sealed record Counter(int Count, JsonElement? Nested);
}
