using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Identity;

/// <summary>
/// Sign-in that tells nothing about which addresses have accounts (OWASP ASVS 2.2 / 3.x): an unknown address, a wrong
/// password and a locked account take the same work (one password hash) and give the same answer; the owner of a
/// locked account learns of it by e-mail instead, once, when the lock begins.
/// </summary>
public class TsunaguSignInManager(
    UserManager<AppUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation, TsunaguDb db, Outbox outbox, PublicLinks links, Text t)
    : SignInManager<AppUser>(users, http, claims, options, logger, schemes, confirmation)
{
    private static readonly Lazy<string> HashOfNothing = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is { } user)
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        SpendAHash(password);
        return SignInResult.Failed;
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        var wasLocked = await UserManager.IsLockedOutAsync(user);
        if (wasLocked)
        {
            // Identity answers a locked account before hashing; the hash keeps the answer as slow as a wrong password's.
            SpendAHash(password);
            return SignInResult.LockedOut;
        }
        if (!await CanSignInAsync(user))
        {
            // An unconfirmed account is named only to someone who knows its password; others get the usual failure.
            if (await UserManager.CheckPasswordAsync(user, password)) return SignInResult.NotAllowed;
            if (lockoutOnFailure) await UserManager.AccessFailedAsync(user);
            return SignInResult.Failed;
        }
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        if (result.IsLockedOut && user.Email is { } email)
        {
            var code = Uri.EscapeDataString(await UserManager.GeneratePasswordResetTokenAsync(user));
            outbox.Enqueue(email, t["【つなぐ】サインインを一時的に止めました"],
                t["{0} 様\n\nつなぐのサインインに続けて失敗したため、このアカウントのサインインを15分間止めました。\nご自身の操作でなければ、次のリンクからパスワードを再設定してください。\n{1}\n\nこのメールに心当たりがない場合も、アカウントは守られています。",
                    user.DisplayName, links.For($"/account/reset-password?email={Uri.EscapeDataString(email)}&code={code}")]);
            await db.SaveChangesAsync();
        }
        return result;
    }

    private void SpendAHash(string password) =>
        UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), HashOfNothing.Value, password);
}
