using FluentValidation;
using SecureApi.AspNetCore.Validation;

namespace SecureApi.AspNetCore.Tests.Validation;

public sealed class TextRuleExtensionsTests
{
    private static readonly LabelValidator Validator = new();

    [Theory]
    [InlineData("Widget")]
    [InlineData("Café crème")]
    [InlineData("日本語の名前")]
    [InlineData("Grinning 😀")]
    [InlineData("שלום עולם")]
    [InlineData("two  spaces inside")]
    public void ReadableText_Passes(string text) => Assert.True(Validator.Validate(new Label(text)).IsValid);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000\u00a0\u2003")]
    [InlineData("\u200b")]
    [InlineData("\u200b\u2060\ufeff")]
    [InlineData("\u00ad")]
    [InlineData(" \u200c ")]
    public void BlankText_IsRefusedAsBlank(string text) =>
        Assert.Contains(Validator.Validate(new Label(text)).Errors, error => error.ErrorMessage.Contains("blank", StringComparison.Ordinal));

    [Theory]
    [InlineData("abc\u202Egpj.exe")]
    [InlineData("left\u2066isolate\u2069")]
    [InlineData("zero\u200bwidth")]
    [InlineData("soft\u00adhyphen")]
    [InlineData("bom\ufeff")]
    [InlineData("bell\u0007")]
    [InlineData("tab\tinside")]
    [InlineData("line\nbreak")]
    [InlineData("line\u2028separator")]
    [InlineData("paragraph\u2029separator")]
    [InlineData("escape\u001b[31m")]
    public void InvisibleCharacters_AreRefused(string text) =>
        Assert.Contains(Validator.Validate(new Label(text)).Errors, error => error.ErrorMessage.Contains("invisible", StringComparison.Ordinal));

    [Theory]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    [InlineData(0xDBFF)]
    public void UnpairedSurrogates_AreRefused(int surrogate)
    {
        // Built here: test data serialization would replace an unpaired surrogate with U+FFFD.
        var text = $"lone {(char)surrogate} surrogate";

        Assert.Contains(Validator.Validate(new Label(text)).Errors, error => error.ErrorMessage.Contains("invisible", StringComparison.Ordinal));
    }

    [Fact]
    public void Null_IsLeftToNotNull() => Assert.True(Validator.Validate(new Label(null)).IsValid);

    private sealed record Label(string? Text);

    private sealed class LabelValidator : AbstractValidator<Label>
    {
        public LabelValidator()
        {
            RuleFor(label => label.Text).NotBlank();
            RuleFor(label => label.Text).NoInvisibleCharacters();
        }
    }
}
