using System.Buffers;
using System.Globalization;
using System.Text;

namespace SecureApi.AspNetCore;

/// <summary>
/// Makes a value from a request safe to log: a path or header is the attacker's text, and raw it
/// can forge log lines (CR, LF) or rewrite what a terminal shows (ESC sequences, backspaces, bidi
/// overrides). Every character that is not shown as itself is escaped as <c>\uXXXX</c> (and a
/// backslash as <c>\\</c>, so the escape cannot be forged), and the value is capped in length.
/// </summary>
internal static class LogValue
{
    /// <summary>The most characters of a value that are logged.</summary>
    public const int MaxLength = 256;

    // Printable ASCII but the backslash: the values paths and origins almost always are.
    private static readonly SearchValues<char> PlainAscii =
        SearchValues.Create([.. Enumerable.Range(' ', '~' - ' ' + 1).Select(code => (char)code).Where(character => character != '\\')]);

    /// <summary>The value, escaped and capped; the same instance when there is nothing to change.</summary>
    /// <param name="value">A value from the request.</param>
    /// <returns>The value to log.</returns>
    public static string Sanitize(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value.Length <= MaxLength && !value.AsSpan().ContainsAnyExcept(PlainAscii))
        {
            return value;
        }

        var text = new StringBuilder(Math.Min(value.Length, MaxLength) + 16);
        var taken = 0;
        for (; taken < value.Length && text.Length < MaxLength; taken++)
        {
            var character = value[taken];
            if (character == '\\')
            {
                text.Append(@"\\");
            }
            else if (IsShownAsItself(value, taken))
            {
                text.Append(character);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)character:x4}");
            }
        }

        if (taken < value.Length)
        {
            text.Append(CultureInfo.InvariantCulture, $"...(+{value.Length - taken} characters)");
        }

        return text.ToString();
    }

    private static bool IsShownAsItself(string value, int index)
    {
        var character = value[index];
        if (character is >= ' ' and <= '~')
        {
            return character != '\\';
        }

        if (char.IsSurrogate(character))
        {
            // A pair is one visible character; a lone half is not.
            return char.IsHighSurrogate(character)
                ? index + 1 < value.Length && char.IsLowSurrogate(value[index + 1])
                : index > 0 && char.IsHighSurrogate(value[index - 1]);
        }

        return CharUnicodeInfo.GetUnicodeCategory(character) is not (UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.PrivateUse);
    }
}
