using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecureApi.AspNetCore.Validation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers input validation: strict JSON and problem responses for requests that cannot be
/// bound. The validators themselves are the application's: <c>AddApiSecurity</c> registers those
/// of the application's assembly; register others with FluentValidation's
/// <c>AddValidatorsFromAssemblyContaining&lt;T&gt;()</c>.
/// </summary>
public static class InputValidationServiceCollectionExtensions
{
    /// <summary>The deepest JSON nesting accepted; far more than any request of this API needs.</summary>
    public const int MaxJsonDepth = 32;

    /// <summary>
    /// Makes JSON binding strict (unknown and duplicate
    /// properties refused, nesting capped at <see cref="MaxJsonDepth"/>, nullability respected),
    /// and turns binding failures into 4xx problem responses instead of empty 400s.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddApiValidation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.Configure<JsonOptions>(options =>
        {
            var json = options.SerializerOptions;
            json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.AllowDuplicateProperties = false;
            json.MaxDepth = MaxJsonDepth;
            json.RespectNullableAnnotations = true;

            // The web defaults read numbers from strings ("5"); a wrong type is refused instead.
            json.NumberHandling = JsonNumberHandling.Strict;
        });

        // Binding failures throw, so that the exception handler can say what was wrong; without
        // this, minimal APIs answer an empty 400 and log the reason where the client cannot see it.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.TryAddSingleton<BadRequestExceptionHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExceptionHandler, BadRequestExceptionHandler>(
            provider => provider.GetRequiredService<BadRequestExceptionHandler>()));

        // The same type and detail when the server answered the status itself and the status
        // code pages write the body (Kestrel's 413 for a declared length over the limit).
        services.AddOptions<ProblemDetailsOptions>().Configure<IServiceProvider>((problems, provider) =>
        {
            var customize = problems.CustomizeProblemDetails;
            problems.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                BadRequestExceptionHandler.DescribeBareStatus(context.ProblemDetails, provider);
            };
        });

        return services;
    }
}
