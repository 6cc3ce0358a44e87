using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Operations;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Account;

[EnableRateLimiting(OperationsRegistration.AccountFormsLimit)]
public class ResetPasswordModel(UserManager<AppUser> users, UserSessions sessions, Text t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public bool Invited { get; set; }

    [BindProperty]
    [Display(Name = "新しいパスワード")]
    [Required(ErrorMessage = "新しいパスワードを入力してください。")]
    [StringLength(100, MinimumLength = 10, ErrorMessage = "パスワードは10文字以上で入力してください。")]
    public string Password { get; set; } = "";

    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = Email is null ? null : await users.FindByEmailAsync(Email);
        var token = AccountService.Decode(Code);
        if (user is null || token is null)
        {
            ModelState.AddModelError(string.Empty, t["リンクの有効期限が切れているか、正しくありません。もう一度お手続きください。"]);
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, token, Password);
        if (!result.Succeeded)
        {
            ModelState.AddProblems(result.ToProblems(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(Password) : string.Empty), prefix: null);
            return Page();
        }
        // The link arrived by e-mail, so the address is proven (this is how invited staff confirm theirs).
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        // Whoever knew the old password is signed out everywhere, and their API tokens stop working.
        await sessions.EndAllAsync(user.Id, ct: HttpContext.RequestAborted);
        Done = true;
        return Page();
    }
}
