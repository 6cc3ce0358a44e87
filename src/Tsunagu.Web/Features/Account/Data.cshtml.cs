using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Account;

[Authorize(Policy = Policies.SignedIn)]
public class DataModel(UserManager<AppUser> users, AccountService accounts) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        return File(await accounts.ExportAsync(user), "application/json", $"tsunagu-my-data-{DateTime.UtcNow:yyyyMMdd}.json");
    }
}
