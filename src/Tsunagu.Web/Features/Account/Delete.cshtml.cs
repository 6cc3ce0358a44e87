using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Features.Account;

[Authorize(Policy = Policies.SignedIn)]
public class DeleteModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountService accounts, Text t) : PageModel
{
    [BindProperty]
    [Display(Name = "パスワード")]
    [Required(ErrorMessage = "確認のため、パスワードを入力してください。")]
    public string Password { get; set; } = "";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await users.CheckPasswordAsync(user, Password))
        {
            ModelState.AddModelError(nameof(Password), t["パスワードが正しくありません。"]);
            return Page();
        }
        var result = await accounts.DeleteAsync(user, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, t["削除できませんでした。もう一度お試しください。"]);
            return Page();
        }
        await signIn.SignOutAsync();
        TempData["Notice"] = "アカウントを削除しました。ご利用ありがとうございました。";
        return LocalRedirect("/");
    }
}
