using SecureApi.AspNetCore.Validation;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Puts FluentValidation in front of endpoints.
/// </summary>
public static class ApiValidationEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Validates every argument of these endpoints whose type has a registered validator, before
    /// the handler runs; failures are 400 validation problems keyed by camelCase field name.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder (a route group, typically).</typeparam>
    /// <param name="builder">The endpoints.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static TBuilder WithFluentValidation<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Add(ValidationFilterFactory.AddTo);
        return builder;
    }
}
