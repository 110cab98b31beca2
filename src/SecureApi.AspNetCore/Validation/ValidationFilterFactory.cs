using System.Reflection;
using SecureApi.AspNetCore.Diagnostics;

namespace SecureApi.AspNetCore.Validation;

/// <summary>
/// Builds, once per endpoint, a filter that validates every argument whose type has a registered
/// FluentValidation validator, and answers 400 with the failures keyed by camelCase field name
/// before the handler runs. Endpoints without such arguments get no filter at all.
/// </summary>
internal static class ValidationFilterFactory
{
    /// <summary>
    /// Adds the filter to an endpoint whose handler has an argument to validate. One without
    /// any gets none: the request delegate generator runs every endpoint that has a filter
    /// factory through its filter pipeline, even when the factory adds nothing.
    /// </summary>
    /// <param name="endpoint">The endpoint, after its handler's <see cref="MethodInfo"/> became its metadata.</param>
    public static void AddTo(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault() is not { } handler)
        {
            endpoint.FilterFactories.Add(Create);
            return;
        }

        // Found once here, not again when the factory runs.
        var validated = ValidatedArguments(handler, endpoint.ApplicationServices);
        if (validated.Length > 0)
        {
            endpoint.FilterFactories.Add((context, next) => Filter(context, validated, next));
        }
    }

    /// <summary>Creates the filter for one endpoint.</summary>
    /// <param name="context">The endpoint's filter factory context.</param>
    /// <param name="next">The rest of the endpoint.</param>
    /// <returns>The endpoint with validation in front of it.</returns>
    private static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var validated = ValidatedArguments(context.MethodInfo, context.ApplicationServices);
        return validated.Length == 0 ? next : Filter(context, validated, next);
    }

    private static EndpointFilterDelegate Filter(
        EndpointFilterFactoryContext context, (int Index, Type ValidatorType)[] validated, EndpointFilterDelegate next)
    {
        var metrics = context.ApplicationServices.GetRequiredService<SecurityMetrics>();
        return async invocation =>
        {
            Dictionary<string, string[]>? errors = null;
            foreach (var (index, validatorType) in validated)
            {
                if (invocation.Arguments[index] is { } argument)
                {
                    errors = await ArgumentValidation.AddFailuresAsync(invocation.HttpContext, argument, validatorType, errors);
                }
            }

            if (errors is null)
            {
                return await next(invocation);
            }

            metrics.ValidationFailed(invocation.HttpContext, SecurityMetrics.RulesStage);
            return TypedResults.ValidationProblem(errors);
        };
    }

    private static (int Index, Type ValidatorType)[] ValidatedArguments(MethodInfo handler, IServiceProvider services)
    {
        var registrations = services.GetRequiredService<IServiceProviderIsService>();
        return handler.GetParameters()
            .Select((parameter, index) => (Index: index, ValidatorType: ArgumentValidation.ValidatorFor(parameter.ParameterType, registrations)))
            .Where(argument => argument.ValidatorType is not null)
            .Select(argument => (argument.Index, ValidatorType: argument.ValidatorType!))
            .ToArray();
    }
}
