using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Tsunagu.Web.Email;

/// <summary>
/// An address the mailer can deliver to, checked where it is typed with MimeKit's own parser (strict RFC 5322) and the
/// rules mail servers apply to the dot-atom form: `a..b@example.jp` or `.a@x.jp` never reach the outbox.
/// </summary>
public static class MailAddresses
{
    private static readonly ParserOptions Strict = new() { AddressParserComplianceMode = RfcComplianceMode.Strict, AllowAddressesWithoutDomain = false };

    public static bool IsDeliverable(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 254 || text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) return false;
        if (!MailboxAddress.TryParse(Strict, text, out var mailbox) || !string.IsNullOrEmpty(mailbox.Name) || mailbox.Route.Count > 0) return false;
        // Only the bare address as typed (no "<…>", comments or quoted local parts).
        if (!string.Equals(mailbox.Address, text, StringComparison.Ordinal)) return false;
        var at = text.LastIndexOf('@');
        if (at <= 0 || at != text.IndexOf('@', StringComparison.Ordinal)) return false;
        var local = text[..at];
        var domain = text[(at + 1)..];
        return local.Length <= 64 && DotAtom(local) && DotAtom(domain) && domain.Contains('.', StringComparison.Ordinal)
            && domain.Split('.').All(label => label.Length is > 0 and <= 63 && !label.StartsWith('-') && !label.EndsWith('-'));
    }

    private static bool DotAtom(string part) =>
        part.Length > 0 && !part.StartsWith('.') && !part.EndsWith('.') && !part.Contains("..", StringComparison.Ordinal) && !part.Contains('"', StringComparison.Ordinal);
}

/// <summary>The form attribute: empty passes (Required says whether it may be), anything else must be deliverable.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class MailAddressAttribute : ValidationAttribute
{
    public MailAddressAttribute() : base("メールアドレスの形式が正しくありません。") { }

    public override bool IsValid(object? value) => value is null || value is string { Length: 0 } || MailAddresses.IsDeliverable((value as string)?.Trim());
}
