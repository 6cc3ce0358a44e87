using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Account;

[Authorize(Policy = Policies.SignedIn)]
public class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, UserSessions sessions) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Display(Name = "今のパスワード")]
        [Required(ErrorMessage = "今のパスワードを入力してください。")]
        public string Current { get; set; } = "";

        [Display(Name = "新しいパスワード")]
        [Required(ErrorMessage = "新しいパスワードを入力してください。")]
        [StringLength(100, MinimumLength = 10, ErrorMessage = "パスワードは10文字以上で入力してください。")]
        public string New { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var result = await users.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            ModelState.AddProblems(result.ToProblems(e => e.Code == "PasswordMismatch" ? "Current" : "New"));
            return Page();
        }
        // Other browsers are signed out and API tokens revoked: a changed password shuts out whoever knew the old one.
        await sessions.EndAllAsync(user.Id, keep: User, HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(user);
        TempData["Notice"] = "パスワードを変更しました。他の端末からはサインアウトし、APIトークンは無効にしました。";
        return RedirectToPage("Index");
    }
}
