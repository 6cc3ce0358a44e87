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

/// <summary>
/// Gives every bound text property of every form the check of <see cref="NoControlCharactersAttribute"/>, so no form
/// lets such a character into the database and no form can forget to ask for it.
/// </summary>
public sealed class NoControlCharactersEverywhere : Microsoft.AspNetCore.Mvc.ModelBinding.Validation.IModelValidatorProvider
{
    private static readonly NoControlCharactersAttribute Attribute = new();

    public void CreateValidators(Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ModelValidatorProviderContext context)
    {
        if (context.ModelMetadata.ModelType != typeof(string) || context.Results.Any(r => r.ValidatorMetadata is NoControlCharactersAttribute)) return;
        context.Results.Add(new Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ValidatorItem(Attribute) { Validator = new Validator(), IsReusable = true });
    }

    private sealed class Validator : Microsoft.AspNetCore.Mvc.ModelBinding.Validation.IModelValidator
    {
        public IEnumerable<Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ModelValidationResult> Validate(Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ModelValidationContext context)
        {
            if (context.Model is not string text || !ControlCharacters.Any(text)) return [];
            var text2 = context.ActionContext.HttpContext.RequestServices.GetRequiredService<Localization.Text>();
            var name = context.ModelMetadata.DisplayName ?? context.ModelMetadata.Name ?? "";
            return [new(string.Empty, text2["{0}に使えない文字（制御文字）が含まれています。その文字を消してから保存してください。", text2[name]])];
        }
    }
}
