using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace SecureApi.AspNetCore.Validation;

/// <summary>
/// Gives controllers' model binding the messages of minimal APIs' binding failures. The
/// framework's own repeat the value the client sent ("The value 'abc' is not valid."), which a
/// client already has and a log or page must not echo.
/// </summary>
internal static class ModelBindingMessages
{
    /// <summary>Sets every binding message.</summary>
    /// <param name="messages">MVC's message provider.</param>
    public static void Apply(DefaultModelBindingMessageProvider messages)
    {
        ArgumentNullException.ThrowIfNull(messages);

        const string wrongType = RequestBodyErrors.WrongTypeMessage;
        const string required = RequestBodyErrors.RequiredParameterMessage;
        messages.SetAttemptedValueIsInvalidAccessor((_, _) => wrongType);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => wrongType);
        messages.SetUnknownValueIsInvalidAccessor(_ => wrongType);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => wrongType);
        messages.SetValueIsInvalidAccessor(_ => wrongType);
        messages.SetValueMustBeANumberAccessor(_ => wrongType);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => wrongType);
        messages.SetMissingBindRequiredValueAccessor(_ => required);
        messages.SetMissingKeyOrValueAccessor(() => required);
        messages.SetValueMustNotBeNullAccessor(_ => required);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => RequestBodyErrors.BodyRequiredMessage);
    }
}
