using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.RateLimiting;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Operations;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Account;

[EnableRateLimiting(OperationsRegistration.AccountFormsLimit)]
public class SignUpModel(UserManager<AppUser> users, AccountService accounts, CityDirectory directory, Text t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public List<SelectListItem> Cities { get; private set; } = [];

    public class InputModel
    {
        [Display(Name = "お名前（表示名）")]
        [Required(ErrorMessage = "お名前を入力してください。")]
        [StringLength(100, ErrorMessage = "お名前は100文字以内で入力してください。")]
        public string DisplayName { get; set; } = "";

        [Display(Name = "メールアドレス")]
        [Required(ErrorMessage = "メールアドレスを入力してください。")]
        [MailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
        public string Email { get; set; } = "";

        [Display(Name = "パスワード")]
        [Required(ErrorMessage = "パスワードを入力してください。")]
        [StringLength(100, MinimumLength = 10, ErrorMessage = "パスワードは10文字以上で入力してください。")]
        public string Password { get; set; } = "";

        [Display(Name = "お住まい・活動している都市")]
        [Required(ErrorMessage = "都市を選んでください。")]
        public string City { get; set; } = "";
    }

    public async Task OnGetAsync(string? city)
    {
        Input.City = city ?? "";
        await LoadCitiesAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var city = string.IsNullOrEmpty(Input.City) ? null : await directory.FindAsync(Input.City);
        if (!string.IsNullOrEmpty(Input.City) && city is null)
            ModelState.AddModelError("Input.City", t["都市を選んでください。"]);
        if (!ModelState.IsValid)
        {
            await LoadCitiesAsync();
            return Page();
        }

        var user = new AppUser
        {
            UserName = Input.Email.Trim(),
            Email = Input.Email.Trim(),
            DisplayName = Input.DisplayName.Trim(),
            HomeCityId = city!.Id,
            CreatedAt = DateTime.UtcNow,
        };
        var existing = await users.FindByEmailAsync(user.Email);
        if (existing is not null)
        {
            // Same answer as a new sign-up, so the form cannot be used to find out who is registered.
            if (!existing.EmailConfirmed) await accounts.SendConfirmationAsync(existing);
            return RedirectToPage("CheckEmail");
        }
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            ModelState.AddProblems(result.ToProblems(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "Email"));
            await LoadCitiesAsync();
            return Page();
        }
        await accounts.SendConfirmationAsync(user);
        return RedirectToPage("CheckEmail");
    }

    private async Task LoadCitiesAsync()
    {
        Cities = CityChoices.For(await directory.AllAsync(), t, Input.City);
    }
}
