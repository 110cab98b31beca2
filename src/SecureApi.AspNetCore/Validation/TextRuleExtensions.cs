using System.Buffers;
using System.Globalization;
using System.Text;

using FluentValidation;

namespace SecureApi.AspNetCore.Validation;

/// <summary>
/// Rules for text that people read (names, titles, labels): what <c>NotEmpty()</c> and a check
/// for control characters miss, such as a name of zero-width spaces or a bidi override that shows
/// <c>abc&#x202E;gpj.exe</c> as <c>abcexe.jpg</c>.
/// </summary>
public static class TextRuleExtensions
{
    /// <summary>
    /// Refuses text with nothing visible in it: only whitespace (any Unicode space, such as
    /// U+3000 or U+00A0), format characters (category Cf, such as U+200B ZERO WIDTH SPACE) or
    /// control characters. <see langword="null"/> passes; pair it with <c>NotNull()</c>.
    /// </summary>
    /// <typeparam name="T">The validated type.</typeparam>
    /// <param name="rule">The rule of a string property.</param>
    /// <returns>The rule, for a message and further rules.</returns>
    public static IRuleBuilderOptions<T, string?> NotBlank<T>(this IRuleBuilder<T, string?> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);

        return rule.Must(text => text is null || HasVisibleCharacter(text))
            .WithMessage("'{PropertyName}' must not be blank.");
    }

    /// <summary>
    /// Refuses text with characters that are not shown as themselves: control characters
    /// (category Cc, tabs and line breaks included), format characters (Cf: bidi overrides and
    /// isolates, zero-width characters, the soft hyphen, the byte order mark), line and paragraph
    /// separators (Zl, Zp) and unpaired surrogates. <see langword="null"/> passes.
    /// </summary>
    /// <typeparam name="T">The validated type.</typeparam>
    /// <param name="rule">The rule of a string property.</param>
    /// <returns>The rule, for a message and further rules.</returns>
    public static IRuleBuilderOptions<T, string?> NoInvisibleCharacters<T>(this IRuleBuilder<T, string?> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);

        return rule.Must(text => text is null || !HasInvisibleCharacter(text))
            .WithMessage("'{PropertyName}' must not contain control or invisible formatting characters.");
    }

    private static bool HasVisibleCharacter(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune) && !IsInvisible(Rune.GetUnicodeCategory(rune)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasInvisibleCharacter(string text)
    {
        for (var index = 0; index < text.Length;)
        {
            // An unpaired surrogate decodes as invalid: it is no character at all.
            if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed) != OperationStatus.Done
                || IsInvisible(Rune.GetUnicodeCategory(rune)))
            {
                return true;
            }

            index += consumed;
        }

        return false;
    }

    private static bool IsInvisible(UnicodeCategory category) => category is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
