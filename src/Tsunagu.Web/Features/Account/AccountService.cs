using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Account;

/// <summary>The account rules the pages share: e-mails with links, the personal data export, deletion.</summary>
public class AccountService(TsunaguDb db, UserManager<AppUser> users, Outbox outbox, Text t, PublicLinks links, IEnumerable<IPersonalData> personalData)
{
    public async Task SendConfirmationAsync(AppUser user)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = links.For($"/account/confirm-email?userId={Uri.EscapeDataString(user.Id)}&code={code}");
        await outbox.SendAsync(user.Email!, t["【つなぐ】メールアドレスの確認"],
            t["{0} 様\n\nつなぐへのご登録ありがとうございます。次のリンクを開いて、メールアドレスを確認してください。\n\n{1}\n\nお心当たりのない場合は、このメールを破棄してください。", user.DisplayName, link]);
    }

    public async Task SendPasswordResetAsync(AppUser user)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = links.For($"/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&code={code}");
        await outbox.SendAsync(user.Email!, t["【つなぐ】パスワードの再設定"],
            t["{0} 様\n\nパスワードの再設定を受け付けました。次のリンクを開いて、新しいパスワードを設定してください。\n\n{1}\n\nお心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。", user.DisplayName, link]);
    }

    /// <summary>Staff invitation: the link sets a first password, which also proves the e-mail address.</summary>
    public async Task SendInvitationAsync(AppUser user, string cityName, string roleName)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = links.For($"/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&code={code}&invited=true");
        await outbox.SendAsync(user.Email!, t["【つなぐ】{0}の{1}として招待されました", cityName, roleName],
            t["{0} 様\n\n{1}の{2}としてつなぐに招待されました。次のリンクを開いてパスワードを設定し、サインインしてください。職員の役割では、二要素認証の設定が必要です。\n\n{3}", user.DisplayName, cityName, roleName, link]);
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }

    /// <summary>Indented, with Japanese written as it is: the person reads the file.</summary>
    private static readonly JsonSerializerOptions ExportJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Everything Tsunagu holds about the person, as JSON (個人情報の開示): the account, its roles and tokens, then one
    /// section per feature that keeps something about them.
    /// </summary>
    public async Task<byte[]> ExportAsync(AppUser user, CancellationToken ct = default)
    {
        var citySlugs = await db.Cities.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Slug, ct);
        var memberships = await db.CityMemberships.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == user.Id)
            .Select(m => new { m.CityId, Role = m.Role.ToString(), Department = m.Department == null ? null : m.Department.Name, m.CreatedAt })
            .ToListAsync(ct);
        var tokens = await db.ApiTokens.AsNoTracking().Where(k => k.UserId == user.Id)
            .Select(k => new { k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt }).ToListAsync(ct);
        var export = new Dictionary<string, object?>
        {
            ["exportedAt"] = DateTime.UtcNow,
            ["account"] = new
            {
                user.Id,
                user.Email,
                user.EmailConfirmed,
                user.DisplayName,
                homeCity = user.HomeCityId is { } home ? citySlugs.GetValueOrDefault(home) : null,
                user.TwoFactorEnabled,
                user.CreatedAt,
            },
            ["memberships"] = memberships.Select(m => new { City = citySlugs[m.CityId], m.Role, m.Department, m.CreatedAt }).ToList(),
            ["apiTokens"] = tokens,
        };
        var subject = new PersonalDataSubject(user.Id, citySlugs);
        foreach (var section in personalData) export[section.Section] = await section.ExportAsync(subject, ct);
        return JsonSerializer.SerializeToUtf8Bytes(export, ExportJson);
    }

    /// <summary>
    /// Deletes the account (退会): each feature first gives back what others are waiting for, then the account goes and
    /// the database deletes or unlinks the rows that were the person's.
    /// </summary>
    public async Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken ct = default)
    {
        foreach (var section in personalData) await section.ReleaseAsync(user.Id, ct);
        return await users.DeleteAsync(user);
    }
}
