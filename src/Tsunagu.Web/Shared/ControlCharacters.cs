using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Tsunagu.Web.Shared;

/// <summary>
/// Characters nobody means to type that arrive by pasting (from PDFs, old word processors, Shift_JIS mix-ups): control
/// characters other than tab and line breaks, U+FFFE and U+FFFF, and halves of a surrogate pair without the other half.
/// XML 1.0 forbids them (an Atom feed with one is not XML at all, and the writer refuses it), RFC 5545 forbids control
/// characters in iCalendar text, and pages would only show them as boxes. Forms refuse them
/// (<see cref="NoControlCharactersAttribute"/>); feeds remove them when they write, whatever reached the database.
/// </summary>
public static class ControlCharacters
{
    /// <summary>Tab, line feed and carriage return are kept: they are ordinary text, and each format has its way to write them.</summary>
    public static bool IsUnwanted(char c) =>
        (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF';

    public static bool Any(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c) || IsUnwanted(c)) return true;
        }
        return false;
    }

    /// <summary>The text without the unwanted characters; the same string when it has none.</summary>
    public static string Remove(string text)
    {
        if (!Any(text)) return text;
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else if (!char.IsSurrogate(c) && !IsUnwanted(c)) kept.Append(c);
        }
        return kept.ToString();
    }
}

/// <summary>Refuses a text field holding a character of <see cref="ControlCharacters"/>, with the message next to the field.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class NoControlCharactersAttribute : ValidationAttribute
{
    public NoControlCharactersAttribute() => ErrorMessage = "{0}に使えない文字（制御文字）が含まれています。その文字を消してから保存してください。";

    public override bool IsValid(object? value) => value is not string text || !ControlCharacters.Any(text);
}
