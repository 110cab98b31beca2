using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SecureApi.AspNetCore.Antiforgery;

/// <summary>
/// Shows the antiforgery requirement in the OpenAPI document: every state-changing operation
/// gets <c>x-antiforgery: required</c> and the required <c>X-XSRF-TOKEN</c> header parameter, or
/// <c>x-antiforgery: exempt</c> when its endpoint opted out with <c>.DisableAntiforgery()</c>.
/// </summary>
internal sealed class AntiforgeryOpenApiTransformer : IOpenApiOperationTransformer
{
    /// <summary>The extension that says whether an operation needs a token.</summary>
    public const string Extension = "x-antiforgery";

    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);

        if (context.Description.HttpMethod is not { } method || SafeMethods.Contains(method))
        {
            return Task.CompletedTask;
        }

        var exempt = context.Description.ActionDescriptor.EndpointMetadata
            .OfType<IAntiforgeryMetadata>().LastOrDefault() is { RequiresValidation: false };
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[Extension] = new JsonNodeExtension(exempt ? "exempt" : "required");
        if (!exempt)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = ApiAntiforgeryOptions.HeaderName,
                In = ParameterLocation.Header,
                Required = true,
                Description = "The request token from GET /antiforgery/token; its cookie must be sent too.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }
}
