using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace SecureApi.AspNetCore.Errors;

/// <summary>
/// Writes a <see cref="ProblemDetails"/> as the serializer's contract for it does with the
/// built-in converters (the five members when set, then each extension under its own key),
/// member by member. The serializer's general path keeps a stack of frames for the extension data
/// of every problem it writes: an eighth of the bytes a 429 allocated. Types derived from it
/// (validation problems) keep the serializer's contract, and so does reading.
/// </summary>
/// <param name="resolver">The resolver that gives it: reading goes through the resolvers after it.</param>
internal sealed class ProblemDetailsJsonConverter(IJsonTypeInfoResolver resolver) : JsonConverter<ProblemDetails>
{
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText TitleName = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText StatusName = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText DetailName = JsonEncodedText.Encode("detail");
    private static readonly JsonEncodedText InstanceName = JsonEncodedText.Encode("instance");

    // The options being read with, and a copy of them without the resolver that gives this converter.
    private ReadContract? _contract;

    /// <inheritdoc />
    public override ProblemDetails? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => JsonSerializer.Deserialize<ProblemDetails>(ref reader, WithoutThis(options));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ProblemDetails value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);

        writer.WriteStartObject();
        WriteIfSet(writer, TypeName, value.Type);
        WriteIfSet(writer, TitleName, value.Title);
        if (value.Status is { } status)
        {
            if ((options.NumberHandling & JsonNumberHandling.WriteAsString) != 0)
            {
                writer.WriteString(StatusName, status.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNumber(StatusName, status);
            }
        }

        WriteIfSet(writer, DetailName, value.Detail);
        WriteIfSet(writer, InstanceName, value.Instance);

        // Extension data keeps its keys as they are: no naming policy applies to them. The
        // framework's own dictionary is enumerated as itself, without boxing its enumerator.
        if (value.Extensions is Dictionary<string, object?> extensions)
        {
            foreach (var (key, item) in extensions)
            {
                WriteExtension(writer, key, item, options);
            }
        }
        else
        {
            foreach (var (key, item) in value.Extensions)
            {
                WriteExtension(writer, key, item, options);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteExtension(Utf8JsonWriter writer, string key, object? item, JsonSerializerOptions options)
    {
        writer.WritePropertyName(key);
        switch (item)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            default:
                JsonSerializer.Serialize(writer, item, item.GetType(), options);
                break;
        }
    }

    private JsonSerializerOptions WithoutThis(JsonSerializerOptions options)
    {
        if (_contract is { } contract && ReferenceEquals(contract.With, options))
        {
            return contract.Without;
        }

        var without = new JsonSerializerOptions(options);
        without.TypeInfoResolverChain.Remove(resolver);
        _contract = new ReadContract(options, without);
        return without;
    }

    private sealed record ReadContract(JsonSerializerOptions With, JsonSerializerOptions Without);
}
