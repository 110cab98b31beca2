using System.Text.Json;
using FluentValidation;

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
        var validated = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (Index: index, ValidatorType: typeof(IValidator<>).MakeGenericType(parameter.ParameterType)))
            .Where(argument => services.IsService(argument.ValidatorType))
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
                if (invocation.Arguments[index] is not { } argument)
                {
                    continue;
                }

                var validator = (IValidator)invocation.HttpContext.RequestServices.GetRequiredService(validatorType);
                var result = await validator.ValidateAsync(new ValidationContext<object>(argument), invocation.HttpContext.RequestAborted);
                foreach (var failure in result.Errors)
                {
                    errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
                    var field = ToCamelCase(failure.PropertyName);
                    errors[field] = errors.TryGetValue(field, out var messages) ? [.. messages, failure.ErrorMessage] : [failure.ErrorMessage];
                }
            }

            return errors is null ? await next(invocation) : TypedResults.ValidationProblem(errors);
        };
    }

    private static string ToCamelCase(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
