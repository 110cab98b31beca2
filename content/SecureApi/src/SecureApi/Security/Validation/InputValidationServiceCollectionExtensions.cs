using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using SecureApi.Security.Validation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers input validation: FluentValidation validators from this assembly, strict JSON, and
/// problem responses for requests that cannot be bound.
/// </summary>
public static class InputValidationServiceCollectionExtensions
{
    /// <summary>The deepest JSON nesting accepted; far more than any request of this API needs.</summary>
    public const int MaxJsonDepth = 32;

    /// <summary>
    /// Adds every validator in this assembly, makes JSON binding strict (unknown and duplicate
    /// properties refused, nesting capped at <see cref="MaxJsonDepth"/>, nullability respected),
    /// and turns binding failures into 4xx problem responses instead of empty 400s.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddApiValidation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddValidatorsFromAssembly(typeof(InputValidationServiceCollectionExtensions).Assembly, includeInternalTypes: true);
        services.Configure<JsonOptions>(options =>
        {
            var json = options.SerializerOptions;
            json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.AllowDuplicateProperties = false;
            json.MaxDepth = MaxJsonDepth;
            json.RespectNullableAnnotations = true;
        });

        // Binding failures throw, so that the exception handler can say what was wrong; without
        // this, minimal APIs answer an empty 400 and log the reason where the client cannot see it.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();

        return services;
    }
}
