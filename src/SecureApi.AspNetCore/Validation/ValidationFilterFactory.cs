using SecureApi.AspNetCore.Diagnostics;

namespace SecureApi.AspNetCore.Validation;

/// <summary>
/// Builds, once per endpoint, a filter that validates every argument whose type has a registered
/// FluentValidation validator, and answers 400 with the failures keyed by camelCase field name
/// before the handler runs. Endpoints without such arguments get no filter at all.
/// </summary>
internal static class ValidationFilterFactory
{
    /// <summary>Creates the filter for one endpoint.</summary>
    /// <param name="context">The endpoint's filter factory context.</param>
    /// <param name="next">The rest of the endpoint.</param>
    /// <returns>The endpoint with validation in front of it.</returns>
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
        var metrics = context.ApplicationServices.GetRequiredService<SecurityMetrics>();
        var validated = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (Index: index, ValidatorType: ArgumentValidation.ValidatorFor(parameter.ParameterType, services)))
            .Where(argument => argument.ValidatorType is not null)
            .Select(argument => (argument.Index, ValidatorType: argument.ValidatorType!))
            .ToArray();

        if (validated.Length == 0)
        {
            return next;
        }

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
}
