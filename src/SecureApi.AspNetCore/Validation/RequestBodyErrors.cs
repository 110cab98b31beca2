using System.Text;
using System.Text.Json;

namespace SecureApi.AspNetCore.Validation;

/// <summary>
/// Turns a request the server could not bind (malformed JSON, wrong types, unknown or duplicate
/// properties, excessive nesting, no body) into validation errors keyed by the camelCase field
/// they concern, in words a client can act on and without the framework's type names.
/// </summary>
internal static class RequestBodyErrors
{
    /// <summary>The key of errors that concern the body as a whole.</summary>
    public const string BodyKey = "body";

    /// <summary>What a parameter or property of the wrong type or out of range is told.</summary>
    public const string WrongTypeMessage = "The value has the wrong type or is out of range.";

    /// <summary>What a required parameter that was not sent is told.</summary>
    public const string RequiredParameterMessage = "This parameter is required.";

    /// <summary>What a request without the body its endpoint needs is told.</summary>
    public const string BodyRequiredMessage = "A JSON body is required.";

    /// <summary>Describes why the body could not be read.</summary>
    /// <param name="exception">The binding failure.</param>
    /// <returns>The errors by field.</returns>
    public static Dictionary<string, string[]> Describe(BadHttpRequestException exception)
    {
        if (ParameterOf(exception.Message) is { } parameter)
        {
            return new()
            {
                [parameter] = [exception.Message.StartsWith("Required", StringComparison.Ordinal)
                    ? RequiredParameterMessage
                    : WrongTypeMessage],
            };
        }

        if (exception.InnerException is not JsonException json)
        {
            var message = exception.StatusCode == StatusCodes.Status415UnsupportedMediaType
                ? "The body must be JSON, sent with Content-Type: application/json."
                : BodyRequiredMessage;
            return new() { [BodyKey] = [message] };
        }

        var (field, error) = Describe(json);
        return new() { [field] = [error] };
    }

    /// <summary>Describes why the JSON of a body could not be read.</summary>
    /// <param name="exception">The serializer's failure.</param>
    /// <returns>The field it concerns and what to fix.</returns>
    public static (string Field, string Message) Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        return (FieldOf(exception.Path), Explain(exception));
    }

    /// <summary>The field a binding path names, in the form the validators' errors use.</summary>
    /// <param name="path">A JSON path (<c>$.items[0].name</c>), or empty for the whole body.</param>
    /// <returns>The field (<c>items[0].name</c>), or <see cref="BodyKey"/>.</returns>
    public static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? BodyKey : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    // The framework's 'Failed to bind parameter "int? limit" from "abc".' and
    // 'Required parameter "int id" was not provided from route.': the parameter, in camelCase.
    private static string? ParameterOf(string message)
    {
        if (!message.StartsWith("Failed to bind parameter \"", StringComparison.Ordinal)
            && !message.StartsWith("Required parameter \"", StringComparison.Ordinal))
        {
            return null;
        }

        var quoted = message.AsSpan(message.IndexOf('"', StringComparison.Ordinal) + 1);
        var end = quoted.IndexOf('"');
        var declaration = end < 0 ? quoted : quoted[..end];
        var name = declaration[(declaration.LastIndexOf(' ') + 1)..];
        return name.IsEmpty ? null : JsonNamingPolicy.CamelCase.ConvertName(name.ToString());
    }

    private static string Explain(JsonException exception)
    {
        var message = exception.Message;

        // The reader's own errors (broken syntax) come wrapped: the serializer adds the path to them.
        if (exception.InnerException is JsonException)
        {
            return IsTooDeep(message)
                ? "The JSON is nested too deeply."
                : "The body is not valid JSON.";
        }

        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "This property is not part of the request: remove it.";
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "This property appears more than once: send it once.";
        }

        if (IsTooDeep(message))
        {
            return "The JSON is nested too deeply.";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return WrongTypeMessage;
        }

        if (exception.InnerException is InvalidOperationException or DecoderFallbackException || message.Contains("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            return "The body is not valid UTF-8.";
        }

        return "The body is not valid JSON.";
    }

    // Not any mention of depth: a truncated body is "expected depth to be zero at the end".
    private static bool IsTooDeep(string message) =>
        message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase)
        || message.Contains("maximum allowed depth", StringComparison.OrdinalIgnoreCase);
}
