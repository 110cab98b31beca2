using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace SecureApi.AspNetCore.Errors;

/// <summary>
/// Gives <see cref="ProblemDetails"/> its <see cref="ProblemDetailsJsonConverter"/>, first in the
/// HTTP JSON options' resolver chain, and no other type anything. A converter in the options'
/// <c>Converters</c> would do the same, but would take every source-generated contract of the
/// service (the sample's items among them) off its fast path: the serializer uses that path only
/// while the options list no converter.
/// </summary>
internal sealed class ProblemDetailsJsonResolver : IJsonTypeInfoResolver
{
    /// <inheritdoc />
    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
        type == typeof(ProblemDetails)
            ? JsonMetadataServices.CreateValueInfo<ProblemDetails>(options, new ProblemDetailsJsonConverter(this))
            : null;
}
