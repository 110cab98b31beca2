using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using SecureApi.AspNetCore.Diagnostics;
using SecureApi.AspNetCore.Errors;

namespace SecureApi.AspNetCore.Validation;

/// <summary>
/// Names the route or query parameter that an endpoint answered a bare 400 for. A handler built
/// by the request delegate generator answers an optional parameter that does not parse
/// (<c>int? limit</c> from <c>?limit=ten</c>) with an empty 400 instead of the exception the
/// reflection-built one throws; this gives it the same <c>validation-failed</c> problem. It runs
/// only while a 400 is being written, never on a request that binds.
/// </summary>
internal static class UnboundParameters
{
    // The framework's title of a validation problem, as every other validation-failed problem has it.
    private static readonly string? ValidationTitle = new HttpValidationProblemDetails().Title;

    /// <summary>Turns a bare 400 into a validation problem naming the parameters that do not parse.</summary>
    /// <param name="context">The problem being written.</param>
    public static void Describe(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem is not { Status: StatusCodes.Status400BadRequest, Detail: null } || problem is HttpValidationProblemDetails
            || FindErrors(context.HttpContext) is not { } errors)
        {
            return;
        }

        problem.Type = ApiProblemTypes.ValidationFailed;
        problem.Title = ValidationTitle;
        problem.Detail = StatusProblemDefaults.ValidationFailedDetail;
        problem.Extensions["errors"] = errors;
        context.HttpContext.RequestServices.GetService<SecurityMetrics>()?.ValidationFailed(context.HttpContext, SecurityMetrics.BindingStage);
    }

    /// <summary>The endpoint's route and query parameters whose values do not parse as their types.</summary>
    /// <param name="context">The request.</param>
    /// <returns>The errors by camelCase parameter, or <see langword="null"/> when every value parses.</returns>
    public static Dictionary<string, string[]>? FindErrors(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() is not { Count: > 0 } parameters)
        {
            return null;
        }

        Dictionary<string, string[]>? errors = null;
        foreach (var parameter in parameters)
        {
            if (parameter.HasTryParse && !ValuesParse(context, parameter.ParameterInfo))
            {
                errors = ArgumentValidation.Add(errors, JsonNamingPolicy.CamelCase.ConvertName(parameter.Name), RequestBodyErrors.WrongTypeMessage);
            }
        }

        return errors;
    }

    private static bool ValuesParse(HttpContext context, ParameterInfo parameter)
    {
        var type = parameter.ParameterType.IsArray ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        var name = parameter.GetCustomAttributes().OfType<IFromQueryMetadata>().FirstOrDefault()?.Name
            ?? parameter.GetCustomAttributes().OfType<IFromRouteMetadata>().FirstOrDefault()?.Name
            ?? parameter.Name!;
        var values = context.Request.RouteValues.TryGetValue(name, out var routeValue) && routeValue is string route
            ? new Microsoft.Extensions.Primitives.StringValues(route)
            : context.Request.Query[name];

        foreach (var value in values)
        {
            if (!string.IsNullOrEmpty(value) && !Parses(type, value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Parses(Type type, string value)
    {
        if (type == typeof(string))
        {
            return true;
        }

        if (type.IsEnum)
        {
            return Enum.TryParse(type, value, ignoreCase: true, out _);
        }

        // The same static TryParse the binder used: with a format provider (IParsable) or without.
        var withProvider = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
        if (withProvider is not null)
        {
            return (bool)withProvider.Invoke(null, [value, System.Globalization.CultureInfo.InvariantCulture, null])!;
        }

        var plain = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]);
        return plain is null || (bool)plain.Invoke(null, [value, null])!;
    }
}
