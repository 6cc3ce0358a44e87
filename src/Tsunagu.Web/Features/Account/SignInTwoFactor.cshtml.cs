using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Operations;

namespace Tsunagu.Web.Features.Account;

[EnableRateLimiting(OperationsRegistration.AccountFormsLimit)]
public class SignInTwoFactorModel(SignInManager<AppUser> signIn, Text t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty(SupportsGet = true)] public bool RememberMe { get; set; }

    public class InputModel
    {
        [Display(Name = "確認コード")]
        [Required(ErrorMessage = "確認コードを入力してください。")]
        public string Code { get; set; } = "";

        [Display(Name = "この端末では次回から確認コードを省略する")]
        public bool RememberMachine { get; set; }
    }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("SignIn");
        if (!ModelState.IsValid) return Page();
        var code = Input.Code.Replace(" ", "").Replace("-", "").Trim();
        // Six digits come from the authenticator app; anything else is tried as a recovery code.
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, Input.RememberMachine)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(Input.Code.Trim());
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account");
        ModelState.AddModelError("Input.Code", result.IsLockedOut
            ? t["サインインに続けて失敗したため、このアカウントは一時的にロックされています。15分ほど待ってからお試しいただくか、パスワードを再設定してください。"]
            : t["確認コードが正しくありません。認証アプリに表示されている最新の6桁を入力してください。"]);
        return Page();
    }
}
