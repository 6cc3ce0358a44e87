using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Operations;

namespace Tsunagu.Web.Features.Account;

[EnableRateLimiting(OperationsRegistration.AccountFormsLimit)]
public class ForgotPasswordModel(UserManager<AppUser> users, AccountService accounts) : PageModel
{
    [BindProperty]
    [Display(Name = "メールアドレス")]
    [Required(ErrorMessage = "メールアドレスを入力してください。")]
    [MailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is not null) await accounts.SendPasswordResetAsync(user);
        // The same answer whether or not the address is registered.
        Sent = true;
        return Page();
    }
}
