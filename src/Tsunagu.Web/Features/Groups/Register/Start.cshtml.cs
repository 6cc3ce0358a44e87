using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups.Register;

[Authorize(Policy = Policies.SignedIn)]
public class StartModel(GroupService groups, UserManager<AppUser> users, CurrentCity city) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var draft = await groups.StartOrResumeAsync(user);
        return Redirect($"/{city.Required.Slug}/groups/register/{draft.Id}/about");
    }
}
