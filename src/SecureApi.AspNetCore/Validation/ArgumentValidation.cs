using System.Text.Json;
using FluentValidation;

namespace SecureApi.AspNetCore.Validation;

/// <summary>
/// Runs the FluentValidation validator registered for an endpoint's argument and collects its
/// failures by camelCase field, for minimal API handlers and controller actions alike.
/// </summary>
internal static class ArgumentValidation
{
    /// <summary>The validator service of a parameter's type, if the application registered one.</summary>
    /// <param name="parameterType">The parameter's type.</param>
    /// <param name="services">The application's services.</param>
    /// <returns><c>IValidator&lt;T&gt;</c> for the type, or <see langword="null"/>.</returns>
    public static Type? ValidatorFor(Type parameterType, IServiceProviderIsService services)
    {
        if (parameterType.IsByRef || parameterType.IsPointer || parameterType.ContainsGenericParameters)
        {
            return null;
        }

        var validatorType = typeof(IValidator<>).MakeGenericType(parameterType);
        return services.IsService(validatorType) ? validatorType : null;
    }

    /// <summary>Validates one argument and adds its failures.</summary>
    /// <param name="context">The request, whose services hold the validator.</param>
    /// <param name="argument">The bound argument.</param>
    /// <param name="validatorType">The validator service, from <see cref="ValidatorFor"/>.</param>
    /// <param name="errors">The failures so far, or <see langword="null"/> for none.</param>
    /// <returns>The failures, or <see langword="null"/> while there are none.</returns>
    public static async ValueTask<Dictionary<string, string[]>?> AddFailuresAsync(
        HttpContext context, object argument, Type validatorType, Dictionary<string, string[]>? errors)
    {
        var validator = (IValidator)context.RequestServices.GetRequiredService(validatorType);
        var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.RequestAborted);
        foreach (var failure in result.Errors)
        {
            errors = Add(errors, ToCamelCase(failure.PropertyName), failure.ErrorMessage);
        }

        return errors;
    }

    /// <summary>Adds a message to a field's, once.</summary>
    /// <param name="errors">The failures so far, or <see langword="null"/> for none.</param>
    /// <param name="field">The field.</param>
    /// <param name="message">What to fix.</param>
    /// <returns>The failures.</returns>
    public static Dictionary<string, string[]> Add(Dictionary<string, string[]>? errors, string field, string message)
    {
        errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = [message];
        }
        else if (!messages.Contains(message, StringComparer.Ordinal))
        {
            errors[field] = [.. messages, message];
        }

        return errors;
    }

    /// <summary>A property path in the JSON's casing: <c>Lines[0].Sku</c> becomes <c>lines[0].sku</c>.</summary>
    /// <param name="propertyPath">The path, dot-separated.</param>
    /// <returns>The path with each segment camelCased.</returns>
    public static string ToCamelCase(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
