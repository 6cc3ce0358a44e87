using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Features.Account;

/// <summary>Turns on TOTP two-factor sign-in (required for every staff role) and shows recovery codes once.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, Text t) : PageModel
{
    [BindProperty]
    [Display(Name = "確認コード")]
    [Required(ErrorMessage = "確認コードを入力してください。")]
    public string Code { get; set; } = "";

    /// <summary>Turning two-factor sign-in off asks again for the password: a session left open is not enough.</summary>
    [BindProperty]
    [Display(Name = "パスワード")]
    [Required(ErrorMessage = "パスワードを入力してください。")]
    public string Password { get; set; } = "";

    public bool Enabled { get; private set; }
    /// <summary>Setting up has begun: a key exists, shown as a QR code until a code from it is confirmed.</summary>
    public bool Started { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";
    public string[]? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    /// <summary>
    /// Creates the authenticator key only when the person asks to set it up: making one changes the security stamp, which
    /// would sign them out of their other sessions each time they merely opened this page.
    /// </summary>
    public async Task<IActionResult> OnPostStartAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled && string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        ModelState.Remove(nameof(Password));
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        var code = Code.Replace(" ", "").Replace("-", "");
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            ModelState.AddModelError(nameof(Code), t["確認コードが正しくありません。認証アプリに表示されている最新の6桁を入力してください。"]);
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToArray();
        await signIn.RefreshSignInAsync(user);
        Enabled = true;
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        ModelState.Remove(nameof(Code));
        if (ModelState.IsValid && !await users.CheckPasswordAsync(user, Password))
            ModelState.AddModelError(nameof(Password), t["パスワードが正しくありません。"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = "二要素認証を解除しました。";
        return RedirectToPage();
    }

    private async Task LoadAsync(AppUser user)
    {
        Enabled = user.TwoFactorEnabled;
        if (Enabled) return;
        var key = await users.GetAuthenticatorKeyAsync(user);
        Started = !string.IsNullOrEmpty(key);
        if (!Started) return;
        SharedKey = string.Join(' ', key!.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Tsunagu:" + user.Email)}?secret={key}&issuer=Tsunagu&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(5));
    }
}
