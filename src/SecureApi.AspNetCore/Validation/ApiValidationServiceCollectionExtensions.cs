using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecureApi.AspNetCore.Validation;
using SecureApi.AspNetCore.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers input validation: strict JSON and problem responses for requests that cannot be
/// bound. The validators themselves are the application's: <c>AddApiSecurity</c> registers those
/// of the application's assembly; register others with FluentValidation's
/// <c>AddValidatorsFromAssemblyContaining&lt;T&gt;()</c>.
/// </summary>
public static class ApiValidationServiceCollectionExtensions
{
    /// <summary>The deepest JSON nesting accepted; far more than any request of this API needs.</summary>
    public const int MaxJsonDepth = 32;

    /// <summary>
    /// Makes JSON binding strict (unknown and duplicate
    /// properties refused, nesting capped at <see cref="MaxJsonDepth"/>, nullability respected),
    /// and turns binding failures into 4xx problem responses instead of empty 400s. Controllers,
    /// when the service has them, get the same: the same JSON settings, the same 400
    /// <c>validation-failed</c> problem for arguments that could not be bound (in place of
    /// <c>[ApiController]</c>'s own, whose keys and messages differ), and the registered
    /// validators run on every action argument they validate, as <c>WithFluentValidation</c> does for
    /// minimal APIs.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddApiValidation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Post-configured, so that the application's own resolvers (source-generated contexts it
        // adds in a Configure) are covered too.
        services.PostConfigure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options => MakeStrict(options.SerializerOptions));

        // Once, however often this runs: each registration would add another validation filter.
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(BadRequestExceptionHandler)))
        {
            AddControllerValidation(services);
        }

        // Binding failures throw, so that the exception handler can say what was wrong; without
        // this, minimal APIs answer an empty 400 and log the reason where the client cannot see it.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddSecurityMetrics();
        services.AddApiErrorResponses();
        services.TryAddSingleton<BadRequestExceptionHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExceptionHandler, BadRequestExceptionHandler>(
            provider => provider.GetRequiredService<BadRequestExceptionHandler>()));

        // The same type and detail when the server answered the status itself and the status
        // code pages write the body (Kestrel's 413 for a declared length over the limit), and the
        // parameter named when a generated handler answered a value it could not parse with a bare 400.
        services.AddOptions<ProblemDetailsOptions>().Configure<IServiceProvider>((problems, provider) =>
        {
            var customize = problems.CustomizeProblemDetails;
            problems.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                BadRequestExceptionHandler.DescribeBareStatus(context.ProblemDetails, provider);
                UnboundParameters.Describe(context);
            };
        });

        return services;
    }

    // Strict for what requests send; what the application writes stays as its own options say.
    private static void MakeStrict(JsonSerializerOptions json)
    {
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        json.AllowDuplicateProperties = false;
        json.MaxDepth = MaxJsonDepth;
        if (!json.RespectNullableAnnotations)
        {
            // Null refused where the type says it cannot be, when reading only: a handler that
            // returns null there is answered as the application's options say, not with a 500.
            json.RespectNullableAnnotations = true;
            json.TypeInfoResolver = json.TypeInfoResolver?.WithAddedModifier(WriteNullsAsDeclared);
        }

        // The web defaults read numbers from strings ("5"); a wrong type is refused instead.
        json.NumberHandling = JsonNumberHandling.Strict;
    }

    // Options of MVC's, which take effect only in a service that calls AddControllers. Post-
    // configured, since AddControllers may come after AddApiSecurity and sets its own defaults.
    private static void AddControllerValidation(IServiceCollection services)
    {
        services.PostConfigure<Microsoft.AspNetCore.Mvc.JsonOptions>(options =>
        {
            MakeStrict(options.JsonSerializerOptions);

            // The serializer's messages name framework types; ModelStateProblem says what to fix.
            options.AllowInputFormatterExceptionMessages = false;
        });
        services.PostConfigure<ApiBehaviorOptions>(options => options.InvalidModelStateResponseFactory = ModelStateProblem.Create);
        services.AddOptions<MvcOptions>().PostConfigure<IServiceProviderIsService, SecurityMetrics>((options, provider, metrics) =>
        {
            ModelBindingMessages.Apply(options.ModelBindingMessageProvider);
            options.Conventions.Add(new ControllerValidationConvention(provider, metrics));
        });
    }

    private static void WriteNullsAsDeclared(JsonTypeInfo type)
    {
        foreach (var property in type.Properties.Where(property => !property.PropertyType.IsValueType))
        {
            property.IsGetNullable = true;
        }
    }
}
