using FluentValidation;

namespace SecureApi.Features.Items;

/// <summary>
/// The rules of the sample item: a name of 1 to 100 characters with something visible in it and
/// no control or invisible formatting characters, and a quantity from 0 to 10000.
/// </summary>
public sealed class ItemRequestValidator : AbstractValidator<ItemRequest>
{
    /// <summary>The longest name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The largest quantity.</summary>
    public const int MaxQuantity = 10_000;

    /// <summary>Creates the rules.</summary>
    public ItemRequestValidator()
    {
        RuleFor(request => request.Name)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("A name is required.")
            .NotBlank().WithMessage("The name must not be blank.")
            .MaximumLength(MaxNameLength).WithMessage($"The name must be at most {MaxNameLength} characters.")
            .NoInvisibleCharacters().WithMessage("The name must not contain control or invisible formatting characters.");

        RuleFor(request => request.Quantity)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("A quantity is required.")
            .InclusiveBetween(0, MaxQuantity).WithMessage($"The quantity must be from 0 to {MaxQuantity}.");
    }
}
