using Microsoft.AspNetCore.Mvc.ApplicationModels;
using SecureApi.AspNetCore.Diagnostics;

namespace SecureApi.AspNetCore.Validation;

/// <summary>
/// Puts a <see cref="ValidationActionFilter"/> on every controller action that takes an argument
/// with a registered validator, and on no other, as <c>WithFluentValidation</c> does for minimal APIs.
/// </summary>
/// <param name="services">The application's services, asked which validators exist.</param>
/// <param name="metrics">The counters the filters count failures with.</param>
internal sealed class ControllerValidationConvention(IServiceProviderIsService services, SecurityMetrics metrics) : IActionModelConvention
{
    /// <inheritdoc />
    public void Apply(ActionModel action)
    {
        ArgumentNullException.ThrowIfNull(action);

        var validated = action.Parameters
            .Select(parameter => (Parameter: parameter.ParameterName, ValidatorType: ArgumentValidation.ValidatorFor(parameter.ParameterType, services)))
            .Where(parameter => parameter.ValidatorType is not null)
            .Select(parameter => (parameter.Parameter, parameter.ValidatorType!))
            .ToArray();

        if (validated.Length > 0)
        {
            action.Filters.Add(new ValidationActionFilter(validated, metrics));
        }
    }
}
