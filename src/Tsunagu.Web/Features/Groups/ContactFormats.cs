using System.Text;
using System.Text.RegularExpressions;

namespace Tsunagu.Web.Features.Groups;

/// <summary>Japanese phone numbers and postal codes as people type them (full-width digits and hyphens allowed).</summary>
public static partial class ContactFormats
{
    /// <summary>e.g. 083-231-1111, 0832311111, 090-1234-5678; returns the number with ASCII digits, or null.</summary>
    public static string? NormalizePhone(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = Ascii(text);
        return Phone().IsMatch(s) && s.Count(char.IsAsciiDigit) is 10 or 11 ? s : null;
    }

    /// <summary>e.g. 750-8521 or 〒7508521; returns 750-8521, or null.</summary>
    public static string? NormalizePostalCode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var digits = new string(Ascii(text).Where(char.IsAsciiDigit).ToArray());
        return PostalCode().IsMatch(Ascii(text).TrimStart('〒').Trim()) && digits.Length == 7 ? $"{digits[..3]}-{digits[3..]}" : null;
    }

    private static string Ascii(string text) =>
        text.Trim().Normalize(NormalizationForm.FormKC).Replace('ー', '-').Replace('−', '-').Replace('‐', '-');

    [GeneratedRegex(@"^0\d{1,4}-?\d{1,4}-?\d{3,4}$")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^\d{3}-?\d{4}$")]
    private static partial Regex PostalCode();
}
