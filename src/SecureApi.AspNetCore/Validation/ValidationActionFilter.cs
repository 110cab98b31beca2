using Microsoft.AspNetCore.Mvc.Filters;
using SecureApi.AspNetCore.Diagnostics;
using SecureApi.AspNetCore.Errors;

namespace SecureApi.AspNetCore.Validation;

/// <summary>
/// The controller form of <see cref="ValidationFilterFactory"/>: validates the action's arguments
/// that have a registered validator once model binding has succeeded, and answers the same 400
/// validation problem before the action runs. It runs after the framework's own model state check
/// (order -2000), so a body that could not be bound is answered by <see cref="ModelStateProblem"/> first.
/// </summary>
/// <param name="validated">The action's parameters that have a validator, and its service type.</param>
/// <param name="metrics">The counters.</param>
internal sealed class ValidationActionFilter(IReadOnlyList<(string Parameter, Type ValidatorType)> validated, SecurityMetrics metrics) : IAsyncActionFilter
{
    /// <inheritdoc />
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var (parameter, validatorType) in validated)
        {
            if (context.ActionArguments.TryGetValue(parameter, out var argument) && argument is not null)
            {
                errors = await ArgumentValidation.AddFailuresAsync(context.HttpContext, argument, validatorType, errors);
            }
        }

        if (errors is null)
        {
            await next();
            return;
        }

        metrics.ValidationFailed(context.HttpContext, SecurityMetrics.RulesStage);
        context.Result = new ProblemActionResult(new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest });
    }
}
