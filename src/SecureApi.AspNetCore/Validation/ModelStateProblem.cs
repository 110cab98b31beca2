using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SecureApi.AspNetCore.Diagnostics;
using SecureApi.AspNetCore.Errors;

namespace SecureApi.AspNetCore.Validation;

/// <summary>
/// Answers a controller action whose arguments could not be bound as minimal APIs answer: 400
/// <c>validation-failed</c> with <c>errors</c> by camelCase field, the body's own errors under
/// <c>body</c>, in the words <see cref="RequestBodyErrors"/> uses, and never the serializer's
/// message, which names framework types and the position in the body.
/// </summary>
internal static class ModelStateProblem
{
    /// <summary>The result for an action whose model state is invalid (<c>ApiBehaviorOptions.InvalidModelStateResponseFactory</c>).</summary>
    /// <param name="context">The action's context.</param>
    /// <returns>The 400 problem.</returns>
    public static IActionResult Create(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var bodyParameters = context.ActionDescriptor.Parameters
            .Where(parameter => parameter.BindingInfo?.BindingSource == BindingSource.Body)
            .Select(parameter => parameter.Name)
            .ToHashSet(StringComparer.Ordinal);

        // A body that could not be read also leaves its parameter unset, which the framework
        // reports again as "The request field is required.": said only when nothing else was.
        Dictionary<string, string[]>? errors = null;
        foreach (var (key, entry) in context.ModelState)
        {
            foreach (var error in entry.Errors.Where(error => error.Exception is not null || !bodyParameters.Contains(key)))
            {
                var (field, message) = Describe(key, error, bodyParameters);
                errors = ArgumentValidation.Add(errors, field, message);
            }
        }

        context.HttpContext.RequestServices.GetRequiredService<SecurityMetrics>().ValidationFailed(context.HttpContext, SecurityMetrics.BindingStage);
        return new ProblemActionResult(new HttpValidationProblemDetails(errors ?? new() { [RequestBodyErrors.BodyKey] = [RequestBodyErrors.BodyRequiredMessage] })
        {
            Status = StatusCodes.Status400BadRequest,
        });
    }

    private static (string Field, string Message) Describe(string key, ModelError error, HashSet<string> bodyParameters)
    {
        // The formatter's failure, wrapped when the framework may show its message.
        if ((error.Exception as JsonException ?? error.Exception?.InnerException as JsonException) is { } json)
        {
            return RequestBodyErrors.Describe(json);
        }

        if (key.Length == 0 || key[0] == '$' || bodyParameters.Contains(key))
        {
            var field = RequestBodyErrors.FieldOf(key.Length == 0 || bodyParameters.Contains(key) ? null : key);
            return field == RequestBodyErrors.BodyKey
                ? (field, error.Exception is null ? RequestBodyErrors.BodyRequiredMessage : "The body is not valid JSON.")
                : (field, RequestBodyErrors.WrongTypeMessage);
        }

        // The binding messages are ours (ModelBindingMessages); a validation attribute's are the team's.
        return (ArgumentValidation.ToCamelCase(key), string.IsNullOrEmpty(error.ErrorMessage) ? RequestBodyErrors.WrongTypeMessage : error.ErrorMessage);
    }
}
