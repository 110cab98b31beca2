using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecureApi.AspNetCore.Errors;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers RFC 9457 problem details as the shape of every error response.
/// </summary>
public static class ApiErrorResponseServiceCollectionExtensions
{
    /// <summary>
    /// Adds the problem details service that the exception handler, the status code pages and the
    /// endpoints use to write errors, each with a <c>traceId</c> that links it to the logs, a
    /// stable <c>urn:problem-type:</c> type and a detail that says what to do.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddApiErrorResponses(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Once, however many concerns that write problems ask for it.
        if (services.Any(descriptor => descriptor.ImplementationType == typeof(ProblemJsonFallbackWriter)))
        {
            return services;
        }

        // The framework's defaults add the traceId and the title per status. Requests the server
        // could not read keep their 4xx: see Validation/BadRequestExceptionHandler.
        services.AddProblemDetails();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>());

        // After the framework's problem details contract, so that it comes first; a team's own
        // contract for problems, inserted later, comes before it.
        services.Configure<JsonOptions>(json =>
        {
            if (!json.SerializerOptions.TypeInfoResolverChain.OfType<ProblemDetailsJsonResolver>().Any())
            {
                json.SerializerOptions.TypeInfoResolverChain.Insert(0, new ProblemDetailsJsonResolver());
            }
        });

        // Last, after every concern's own customization, so that only what is left gets a default.
        services.PostConfigure<ProblemDetailsOptions>(problems =>
        {
            var customize = problems.CustomizeProblemDetails;
            problems.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                StatusProblemDefaults.Apply(context.ProblemDetails);
            };
        });

        return services;
    }
}
