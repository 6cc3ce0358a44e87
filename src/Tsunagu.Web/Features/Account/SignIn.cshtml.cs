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
public class SignInModel(SignInManager<AppUser> signIn, Text t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public class InputModel
    {
        [Display(Name = "メールアドレス")]
        [Required(ErrorMessage = "メールアドレスを入力してください。")]
        public string Email { get; set; } = "";

        [Display(Name = "パスワード")]
        [Required(ErrorMessage = "パスワードを入力してください。")]
        public string Password { get; set; } = "";

        [Display(Name = "サインインしたままにする")]
        public bool RememberMe { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(SafeReturnUrl);
        if (result.RequiresTwoFactor) return RedirectToPage("SignInTwoFactor", new { ReturnUrl = SafeReturnUrl, Input.RememberMe });
        // A locked account answers like a wrong password (its owner is told by e-mail), so the form names no account.
        var message = result.IsNotAllowed
            ? t["メールアドレスの確認が済んでいません。登録時にお送りしたメールのリンクを開いてください。"]
            : t["メールアドレスまたはパスワードが正しくありません。続けて間違えると、しばらくサインインできなくなります（そのときはメールでお知らせします）。"];
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account";
}
