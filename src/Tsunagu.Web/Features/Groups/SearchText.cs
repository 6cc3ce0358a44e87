using System.Text;

namespace Tsunagu.Web.Features.Groups;

/// <summary>
/// Folds Japanese text so a search matches however it was typed: full-width and half-width forms
/// (NFKC), katakana and hiragana (ひらがな), upper and lower case.
/// </summary>
public static class SearchText
{
    /// <summary>The words of a search box, folded like the stored text: at most five, split on either kind of space.</summary>
    public static IReadOnlyList<string> Words(string? query) =>
        Fold(query).Split([' ', '\u3000'], StringSplitOptions.RemoveEmptyEntries).Take(5).ToList();

    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var normalized = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
            sb.Append(c is >= 'ァ' and <= 'ヶ' ? (char)(c - 0x60) : c);
        return sb.ToString();
    }

    public static string Of(params string?[] parts) => string.Join("\n", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(Fold));
}
